package io.dashcache.adapters.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's own boundaries; the whole-system rules live in bootstrap. */
@AnalyzeClasses(packages = "io.dashcache.adapters.metrics",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class MetricsAdapterArchitectureTest {

    @ArchTest
    static final ArchRule the_metrics_adapter_imports_no_other_adapter = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.dashcache.adapters.redis..",
                    "io.dashcache.adapters.http..", "io.dashcache.adapters.events..", "io.dashcache.bootstrap..");

    @ArchTest
    static final ArchRule the_metrics_adapter_knows_no_web_server_and_no_redis_client = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                    "redis.clients..", "com.fasterxml.jackson..");
}
