package io.dashcache.domain;

/** The analytics periods the contract allows. */
public enum Period {
    LAST_HOUR("1h"),
    LAST_DAY("24h"),
    LAST_WEEK("7d"),
    LAST_MONTH("30d");

    private final String code;

    Period(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Period parse(String code) {
        if (code != null) {
            for (Period period : values()) {
                if (period.code.equals(code)) {
                    return period;
                }
            }
        }
        throw new InvalidInputException("period",
                "period must be one of 1h, 24h, 7d, 30d, got '" + InvalidInputException.excerpt(code) + "'");
    }
}
