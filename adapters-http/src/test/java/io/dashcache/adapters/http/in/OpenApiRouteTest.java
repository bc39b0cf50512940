package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/openapi.json} serves the OpenAPI 3.1 document, and the server can list the routes
 * it really has. (That the document and the routes of the whole service agree, both ways, is
 * checked on a running instance in bootstrap's {@code OpenApiDescriptionTest}.)
 */
class OpenApiRouteTest extends RunningServer {

    @Test
    void the_document_is_served_as_json_with_the_fields_openapi_3_1_requires() {
        HttpResponse<byte[]> response = get("/api/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode document = json(response);
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asText()).isEqualTo("dashcache");
        assertThat(document.path("info").path("version").isTextual()).isTrue();
        assertThat(document.path("paths").isObject()).isTrue();
        assertThat(document.path("paths").size()).isGreaterThan(20);
    }

    @Test
    void the_error_schema_is_the_contracts_body_with_every_code_the_adapter_answers() throws IllegalAccessException {
        JsonNode error = json(get("/api/openapi.json")).path("components").path("schemas").path("Error");

        assertThat(error.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("error", "detail");
        List<String> described = new ArrayList<>();
        error.path("properties").path("error").path("enum").forEach(code -> described.add(code.asText()));
        List<String> answered = new ArrayList<>();
        for (Field field : ErrorBody.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                answered.add((String) field.get(null));
            }
        }
        assertThat(answered).hasSizeGreaterThan(10);
        assertThat(described).containsExactlyInAnyOrderElementsOf(answered);
    }

    @Test
    void every_reference_in_the_document_resolves() {
        JsonNode document = json(get("/api/openapi.json"));
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        });
    }

    @Test
    void the_server_lists_the_routes_it_has_with_their_methods_and_not_its_filters() {
        List<String> routes = routes();

        assertThat(routes).contains("GET /api/openapi.json", "GET /api/dashboard/widgets/{widgetType}",
                "PUT /api/dashboard/preferences", "POST /api/cache/invalidate", "GET /health");
        assertThat(routes).noneMatch(route -> route.startsWith("BEFORE") || route.startsWith("AFTER"));
        assertThat(routes).doesNotContain("GET /metrics"); // not registered on this server: the list is what is there
        assertThat(routes).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.asList("GET", "POST", "PUT")).containsAll(routes.stream().map(r -> r.split(" ")[0]).distinct().toList());
    }

    private static void collectReferences(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    into.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, into));
        }
    }
}
