package io.dashcache.domain;

/** The kind of widget in {@code widget_data} keys ({@code heatmap}, {@code camera-grid} ...). */
public record WidgetType(String value) {

    public WidgetType {
        Identifier.require("widgetType", value);
    }

    public static WidgetType of(String value) {
        return new WidgetType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
