package io.dashcache.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The layering of docs/design.md, as rules that fail the build: only bootstrap sees every module, so
 * the rules live here. Each rule checks at least one class (ArchUnit fails a rule that checks none), and
 * {@link ArchitectureRulesCanFailTest} shows that each fails on a class that breaks it.
 */
@AnalyzeClasses(packages = "io.dashcache",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** The application test-jar (contract tests, fakes) is test code too. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    private static final String DOMAIN = "io.dashcache.domain..";
    private static final String APPLICATION = "io.dashcache.application..";
    private static final String REDIS = "io.dashcache.adapters.redis..";
    private static final String HTTP = "io.dashcache.adapters.http..";
    private static final String EVENTS = "io.dashcache.adapters.events..";
    private static final String METRICS = "io.dashcache.adapters.metrics..";
    private static final String BOOTSTRAP = "io.dashcache.bootstrap..";
    private static final String EMBEDDED = "io.dashcache.embedded..";
    private static final String SPRING_CACHE = "io.dashcache.adapters.spring.cache..";
    private static final String ADAPTERS = "io.dashcache.adapters..";
    private static final String PORTS = "io.dashcache.application.port..";
    private static final String IN_PORTS = "io.dashcache.application.port.in..";
    private static final String OUT_PORTS = "io.dashcache.application.port.out..";
    private static final String CONCURRENCY = "io.dashcache.application.concurrency..";

    @ArchTest
    static final ArchRule domain_depends_on_nothing_but_the_jdk = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..");

    @ArchTest
    static final ArchRule application_depends_only_on_the_domain_the_jdk_and_slf4j = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..", "org.slf4j..");

    @ArchTest
    static final ArchRule the_core_never_reaches_for_an_adapter_or_bootstrap = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage("io.dashcache.adapters..", BOOTSTRAP, EMBEDDED);

    @ArchTest
    static final ArchRule the_redis_adapter_does_not_import_another_adapter = noClasses()
            .that().resideInAPackage(REDIS)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, EVENTS, METRICS, BOOTSTRAP, SPRING_CACHE, EMBEDDED);

    @ArchTest
    static final ArchRule the_http_adapter_does_not_import_another_adapter = noClasses()
            .that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage(REDIS, EVENTS, METRICS, BOOTSTRAP, SPRING_CACHE, EMBEDDED);

    @ArchTest
    static final ArchRule the_events_adapter_does_not_import_another_adapter = noClasses()
            .that().resideInAPackage(EVENTS)
            .should().dependOnClassesThat().resideInAnyPackage(REDIS, HTTP, METRICS, BOOTSTRAP, SPRING_CACHE, EMBEDDED);

    @ArchTest
    static final ArchRule the_metrics_adapter_does_not_import_another_adapter = noClasses()
            .that().resideInAPackage(METRICS)
            .should().dependOnClassesThat().resideInAnyPackage(REDIS, HTTP, EVENTS, BOOTSTRAP, SPRING_CACHE, EMBEDDED);

    @ArchTest
    static final ArchRule micrometer_stays_in_the_metrics_adapter_and_the_composition_roots = noClasses()
            .that().resideOutsideOfPackages(METRICS, BOOTSTRAP, EMBEDDED)
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..");

    @ArchTest
    static final ArchRule inbound_http_and_outbound_http_stay_apart = noClasses()
            .that().resideInAPackage("io.dashcache.adapters.http.in..")
            .should().dependOnClassesThat().resideInAPackage("io.dashcache.adapters.http.out..");

    /**
     * The embedded module is the core's one plain-Java assembly ({@code DashcacheCore}) and the embedded
     * client on it: the core, the Redis and metrics adapters, Micrometer's API, without Spring.
     */
    @ArchTest
    static final ArchRule the_embedded_module_is_made_of_the_core_and_the_redis_and_metrics_adapters = classes()
            .that().resideInAPackage(EMBEDDED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(EMBEDDED, APPLICATION, DOMAIN, REDIS, METRICS,
                    "java..", "org.slf4j..", "io.micrometer.core.instrument..");

    @ArchTest
    static final ArchRule only_bootstrap_and_the_spring_cache_adapter_depend_on_the_embedded_module = noClasses()
            .that().resideOutsideOfPackages(EMBEDDED, SPRING_CACHE, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(EMBEDDED);

    @ArchTest
    static final ArchRule the_spring_cache_adapter_sees_only_the_embedded_client_and_the_core = noClasses()
            .that().resideInAPackage(SPRING_CACHE)
            .should().dependOnClassesThat().resideInAnyPackage(REDIS, HTTP, EVENTS, METRICS, BOOTSTRAP,
                    "com.github.benmanes.caffeine..");

    @ArchTest
    static final ArchRule spring_stays_in_bootstrap_and_the_spring_cache_adapter = noClasses()
            .that().resideOutsideOfPackages(BOOTSTRAP, SPRING_CACHE)
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule no_field_is_injected = fields()
            .should().notBeAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
            .andShould().notBeAnnotatedWith("jakarta.inject.Inject")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule spring_configuration_lives_in_the_wiring_package = classes()
            .that().areAnnotatedWith("org.springframework.context.annotation.Configuration")
            .should().resideInAPackage("io.dashcache.bootstrap.wiring..");

    @ArchTest
    static final ArchRule jackson_stays_out_of_the_core_and_the_redis_adapter = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION, REDIS)
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule the_core_never_reads_the_wall_clock_directly = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .and().resideOutsideOfPackage("io.dashcache.application.port.out.time..") // the one TimeSource
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Instant.class, "now");

    /** KEYS blocks a server and sees one node of a cluster; FLUSH* would take other prefixes' keys. */
    @ArchTest
    static final ArchRule nothing_sends_keys_or_flushes_redis = noClasses()
            .that().resideOutsideOfPackage("io.dashcache.testsupport..") // a test's private cluster may be flushed
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a Jedis keys, flushAll or flushDB") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().getPackageName().startsWith("redis.clients.jedis")
                            && Set.of("keys", "flushAll", "flushDB").contains(call.getName());
                }
            });

    /** An adapter drives a use case through its inbound port, never the engine or a use case itself. */
    @ArchTest
    static final ArchRule adapters_reach_the_application_only_through_its_ports = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat(resideInAPackage(APPLICATION).and(not(resideInAnyPackage(PORTS, CONCURRENCY)))
                    .as("reside in the application outside its ports and its thread factory"));

    @ArchTest
    static final ArchRule outbound_ports_never_depend_on_inbound_ports = noClasses()
            .that().resideInAPackage(OUT_PORTS)
            .should().dependOnClassesThat().resideInAPackage(IN_PORTS);

    /** What both sides carry lives in {@code port.messages}, so the two directions never meet. */
    @ArchTest
    static final ArchRule inbound_ports_never_depend_on_outbound_ports = noClasses()
            .that().resideInAPackage(IN_PORTS)
            .should().dependOnClassesThat().resideInAPackage(OUT_PORTS);

    /** Outbound ports are implemented by adapters and by the in-memory stand-ins, never by a use case or the engine. */
    @ArchTest
    static final ArchRule no_use_case_implements_an_outbound_port = noClasses()
            .that().resideInAnyPackage("io.dashcache.application.engine..", "io.dashcache.application.reading..",
                    "io.dashcache.application.invalidation..", "io.dashcache.application.warming..",
                    "io.dashcache.application.changefeed..", "io.dashcache.application.metrics..")
            .should().implement(resideInAPackage(OUT_PORTS));

    @ArchTest
    static final ArchRule ports_depend_on_nothing_in_the_application_outside_the_ports = noClasses()
            .that().resideInAPackage(PORTS)
            .should().dependOnClassesThat(resideInAPackage(APPLICATION).and(not(resideInAPackage(PORTS)))
                    .as("reside in the application outside its ports"));

    /**
     * The engine, the use cases, the ports, the stand-ins and the thread factory: none needs, even
     * through others, a package that needs it.
     */
    @ArchTest
    static final ArchRule the_application_packages_are_free_of_cycles = slices()
            .matching("io.dashcache.application.(*)..").namingSlices("application.$1")
            .should().beFreeOfCycles();
}
