package io.dashcache.adapters.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's own boundaries; the whole-system rules live in bootstrap. */
@AnalyzeClasses(packages = "io.dashcache.adapters.http", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class HttpAdapterArchitectureTest {

    @ArchTest
    static final ArchRule the_http_adapters_import_no_other_adapter = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.dashcache.adapters.redis..",
                    "io.dashcache.adapters.events..", "io.dashcache.adapters.metrics..", "io.dashcache.bootstrap..",
                    "io.micrometer..");

    @ArchTest
    static final ArchRule the_inbound_api_does_not_reach_around_the_ports_to_the_engine_client = noClasses()
            .that().resideInAPackage("io.dashcache.adapters.http.in..")
            .should().dependOnClassesThat().resideInAPackage("io.dashcache.adapters.http.out..");

    @ArchTest
    static final ArchRule the_engine_client_knows_nothing_of_the_web_server = noClasses()
            .that().resideInAPackage("io.dashcache.adapters.http.out..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dashcache.adapters.http.in..", "io.javalin..",
                    "org.eclipse.jetty..", "com.fasterxml.jackson..");
}
