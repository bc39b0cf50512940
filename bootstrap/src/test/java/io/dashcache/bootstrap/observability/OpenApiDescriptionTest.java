package io.dashcache.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI description a whole instance serves at {@code /api/openapi.json} names exactly the
 * routes its HTTP server has (Javalin's own router, not a list kept by hand): every route
 * described, nothing described that does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDescriptionTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private RunningInstance dashcache;

    @BeforeAll
    void start() {
        dashcache = RunningInstance.start(Map.of());
    }

    @AfterAll
    void stop() {
        dashcache.close();
    }

    /** Each operation of the document as {@code "GET /path"}. */
    static Set<String> describedRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> fields = path.getValue().fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (METHODS.contains(field)) {
                    routes.add(field.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    /** What differs, both ways; empty when the document and the routes agree. */
    static List<String> differences(JsonNode document, List<String> routes) {
        Set<String> described = describedRoutes(document);
        Set<String> differences = new TreeSet<>();
        routes.stream().filter(route -> !described.contains(route)).map(route -> "not described: " + route)
                .forEach(differences::add);
        described.stream().filter(route -> !routes.contains(route)).map(route -> "described but absent: " + route)
                .forEach(differences::add);
        return List.copyOf(differences);
    }

    @Test
    void the_served_description_names_exactly_the_routes_the_server_has() {
        JsonNode document = dashcache.json("/api/openapi.json");
        List<String> routes = dashcache.routes();

        assertThat(routes).as("the router lists the instance's routes").hasSizeGreaterThan(25)
                .contains("GET /api/cache/hot-keys", "GET /api/openapi.json", "GET /metrics", "GET /");
        assertThat(differences(document, routes)).isEmpty();
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").isTextual()).isTrue();
        assertThat(document.path("info").path("version").isTextual()).isTrue();
    }

    @Test
    void a_described_path_the_server_lacks_and_a_route_left_undescribed_are_both_reported() {
        ObjectNode document = dashcache.json("/api/openapi.json").deepCopy();
        ((ObjectNode) document.path("paths")).putObject("/api/cache/nothing-here").putObject("get");
        ((ObjectNode) document.path("paths")).remove("/api/cache/hot-keys");
        ((ObjectNode) document.path("paths").path("/api/cache/warm")).remove("post");
        ((ObjectNode) document.path("paths").path("/health")).putObject("delete");

        assertThat(differences(document, dashcache.routes())).containsExactly(
                "described but absent: DELETE /health",
                "described but absent: GET /api/cache/nothing-here",
                "not described: GET /api/cache/hot-keys",
                "not described: POST /api/cache/warm");
        assertThat(differences(new ObjectMapper().createObjectNode(), List.of("GET /health")))
                .containsExactly("not described: GET /health");
    }
}
