package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /demo}: the live dashboard's files, under the status page's rules. */
class DemoDashboardPageTest extends RunningServer {

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return List.of(new DemoDashboardPage());
    }

    @Test
    void the_page_its_style_and_its_script_are_served_under_the_strict_content_security_policy() {
        HttpResponse<byte[]> page = getPage("/demo");
        HttpResponse<byte[]> css = get("/assets/demo.css");
        HttpResponse<byte[]> script = get("/assets/demo.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(StatusPage.CONTENT_SECURITY_POLICY);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<script src=\"/assets/demo.js\"",
                "href=\"/assets/demo.css\"", "id=\"ov-total\"", "id=\"activity-list\"", "id=\"notif-list\"",
                "id=\"stream-state\"", "id=\"change-log\"");
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.headers().firstValue("Content-Security-Policy")).hasValue(StatusPage.CONTENT_SECURITY_POLICY);
    }

    @Test
    void the_script_reads_the_change_stream_and_never_turns_data_into_markup() {
        String script = new String(get("/assets/demo.js").body(), StandardCharsets.UTF_8);

        assertThat(script).contains("/api/dashboard/changes", "Last-Event-ID", "X-User-Id", "textContent")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }
}
