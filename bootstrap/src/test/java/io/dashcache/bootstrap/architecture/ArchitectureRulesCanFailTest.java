package io.dashcache.bootstrap.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.dashcache.adapters.events.fixtures.EventsAdapterUsingTheMetricsAdapter;
import io.dashcache.adapters.http.fixtures.AdapterCallingAService;
import io.dashcache.adapters.http.fixtures.AdapterCallingTheEngine;
import io.dashcache.adapters.http.fixtures.HttpAdapterUsingSpring;
import io.dashcache.adapters.http.fixtures.HttpAdapterUsingTheEmbeddedClient;
import io.dashcache.adapters.http.fixtures.HttpAdapterUsingTheRedisAdapter;
import io.dashcache.adapters.http.in.fixtures.InboundRouteCallingTheEngineClient;
import io.dashcache.adapters.metrics.fixtures.MetricsAdapterUsingTheEventsAdapter;
import io.dashcache.adapters.redis.fixtures.AdapterUsingAnInMemoryStandIn;
import io.dashcache.adapters.redis.fixtures.AdapterUsingPortsAndTheThreadFactory;
import io.dashcache.adapters.redis.fixtures.RedisAdapterFlushingAll;
import io.dashcache.adapters.redis.fixtures.RedisAdapterFlushingTheDatabase;
import io.dashcache.adapters.redis.fixtures.RedisAdapterSendingKeys;
import io.dashcache.adapters.redis.fixtures.RedisAdapterUsingJackson;
import io.dashcache.adapters.redis.fixtures.RedisAdapterUsingMicrometer;
import io.dashcache.adapters.redis.fixtures.RedisAdapterUsingTheHttpAdapter;
import io.dashcache.adapters.spring.cache.fixtures.SpringCacheUsingCaffeine;
import io.dashcache.adapters.spring.cache.fixtures.SpringCacheUsingTheRedisAdapter;
import io.dashcache.application.fixtures.UseCaseCallingAnAdapter;
import io.dashcache.application.fixtures.UseCaseCallingInstantNow;
import io.dashcache.application.fixtures.UseCaseReadingCurrentTimeMillis;
import io.dashcache.application.fixtures.UseCaseTimingWithNanoTime;
import io.dashcache.application.fixtures.UseCaseUsingCaffeine;
import io.dashcache.application.fixtures.UseCaseUsingTheEmbeddedClient;
import io.dashcache.application.port.in.fixtures.InPortUsingAUseCase;
import io.dashcache.application.port.in.fixtures.InPortUsingAnOutPort;
import io.dashcache.application.port.out.fixtures.OutPortUsingAnInPort;
import io.dashcache.application.reading.fixtures.UseCaseImplementingAnOutPort;
import io.dashcache.application.reading.fixtures.ReaderUsingAWarmer;
import io.dashcache.application.warming.fixtures.WarmerUsingAReader;
import io.dashcache.bootstrap.fixtures.ConfigurationOutsideTheWiringPackage;
import io.dashcache.bootstrap.fixtures.FieldInjectedBean;
import io.dashcache.domain.fixtures.DomainUsingJackson;
import io.dashcache.embedded.fixtures.EmbeddedUsingTheHttpAdapter;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of {@link ArchitectureTest} can fail: each is checked against fixture classes that break
 * it on purpose (bootstrap's test tree, packages {@code ..fixtures}, which ArchitectureTest does not
 * import) and must report the class that breaks it. The rules are found by reflection, so a new rule
 * without a breaking fixture fails here.
 */
class ArchitectureRulesCanFailTest {

    /** One deliberate break: {@code culprit} is imported with {@code alsoSeen}, and the report must name it. */
    record Breach(Class<?> culprit, List<Class<?>> alsoSeen) {
        static Breach by(Class<?> culprit, Class<?>... alsoSeen) {
            return new Breach(culprit, List.of(alsoSeen));
        }
    }

    /** Each rule's breaking fixtures, each checked on its own, so a rule that forbids two things fails for either. */
    private static final Map<String, List<Breach>> BREACHES = Map.ofEntries(
            entry("domain_depends_on_nothing_but_the_jdk", List.of(Breach.by(DomainUsingJackson.class))),
            entry("application_depends_only_on_the_domain_the_jdk_and_slf4j",
                    List.of(Breach.by(UseCaseUsingCaffeine.class))),
            entry("the_core_never_reaches_for_an_adapter_or_bootstrap",
                    List.of(Breach.by(UseCaseCallingAnAdapter.class), Breach.by(UseCaseUsingTheEmbeddedClient.class))),
            entry("the_redis_adapter_does_not_import_another_adapter",
                    List.of(Breach.by(RedisAdapterUsingTheHttpAdapter.class))),
            entry("the_http_adapter_does_not_import_another_adapter",
                    List.of(Breach.by(HttpAdapterUsingTheRedisAdapter.class))),
            entry("the_events_adapter_does_not_import_another_adapter",
                    List.of(Breach.by(EventsAdapterUsingTheMetricsAdapter.class))),
            entry("the_metrics_adapter_does_not_import_another_adapter",
                    List.of(Breach.by(MetricsAdapterUsingTheEventsAdapter.class))),
            entry("micrometer_stays_in_the_metrics_adapter_and_the_composition_roots",
                    List.of(Breach.by(RedisAdapterUsingMicrometer.class))),
            entry("inbound_http_and_outbound_http_stay_apart",
                    List.of(Breach.by(InboundRouteCallingTheEngineClient.class))),
            entry("the_embedded_module_is_made_of_the_core_and_the_redis_and_metrics_adapters",
                    List.of(Breach.by(EmbeddedUsingTheHttpAdapter.class))),
            entry("only_bootstrap_and_the_spring_cache_adapter_depend_on_the_embedded_module",
                    List.of(Breach.by(HttpAdapterUsingTheEmbeddedClient.class))),
            entry("the_spring_cache_adapter_sees_only_the_embedded_client_and_the_core",
                    List.of(Breach.by(SpringCacheUsingTheRedisAdapter.class), Breach.by(SpringCacheUsingCaffeine.class))),
            entry("spring_stays_in_bootstrap_and_the_spring_cache_adapter",
                    List.of(Breach.by(HttpAdapterUsingSpring.class))),
            entry("no_field_is_injected", List.of(Breach.by(FieldInjectedBean.class))),
            entry("spring_configuration_lives_in_the_wiring_package",
                    List.of(Breach.by(ConfigurationOutsideTheWiringPackage.class))),
            entry("jackson_stays_out_of_the_core_and_the_redis_adapter",
                    List.of(Breach.by(RedisAdapterUsingJackson.class), Breach.by(DomainUsingJackson.class))),
            entry("the_core_never_reads_the_wall_clock_directly",
                    List.of(Breach.by(UseCaseReadingCurrentTimeMillis.class), Breach.by(UseCaseCallingInstantNow.class),
                            Breach.by(UseCaseTimingWithNanoTime.class))),
            entry("nothing_sends_keys_or_flushes_redis", List.of(Breach.by(RedisAdapterSendingKeys.class),
                    Breach.by(RedisAdapterFlushingAll.class), Breach.by(RedisAdapterFlushingTheDatabase.class))),
            entry("adapters_reach_the_application_only_through_its_ports", List.of(Breach.by(AdapterCallingAService.class),
                    Breach.by(AdapterCallingTheEngine.class), Breach.by(AdapterUsingAnInMemoryStandIn.class))),
            entry("outbound_ports_never_depend_on_inbound_ports", List.of(Breach.by(OutPortUsingAnInPort.class))),
            entry("inbound_ports_never_depend_on_outbound_ports", List.of(Breach.by(InPortUsingAnOutPort.class))),
            entry("no_use_case_implements_an_outbound_port", List.of(Breach.by(UseCaseImplementingAnOutPort.class))),
            entry("ports_depend_on_nothing_in_the_application_outside_the_ports",
                    List.of(Breach.by(InPortUsingAUseCase.class))),
            entry("the_application_packages_are_free_of_cycles",
                    List.of(Breach.by(ReaderUsingAWarmer.class, WarmerUsingAReader.class))));

    /** Where the real classes cannot show it, fixtures a rule must let through (what it allows, it allows). */
    private static final Map<String, List<Class<?>>> ALLOWED = Map.of(
            "adapters_reach_the_application_only_through_its_ports",
            List.of(AdapterUsingPortsAndTheThreadFactory.class));

    @TestFactory
    Stream<DynamicTest> every_rule_reports_the_fixture_that_breaks_it() {
        return rules().entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(rule -> {
            List<Breach> breaches = BREACHES.get(rule.getKey());
            if (breaches == null) {
                return Stream.of(dynamicTest(rule.getKey() + " has a breaking fixture", () -> {
                    throw new AssertionError("no fixture breaks " + rule.getKey() + ": add one to BREACHES");
                }));
            }
            return breaches.stream().map(breach -> dynamicTest(
                    rule.getKey() + " is broken by " + breach.culprit().getSimpleName(),
                    () -> assertReports(rule.getValue(), breach)));
        });
    }

    @TestFactory
    Stream<DynamicTest> a_rule_lets_through_what_it_allows() {
        return ALLOWED.entrySet().stream().flatMap(allowed -> allowed.getValue().stream().map(fixture -> dynamicTest(
                allowed.getKey() + " allows " + fixture.getSimpleName(),
                () -> rules().get(allowed.getKey()).check(new ClassFileImporter().importClasses(fixture)))));
    }

    @Test
    void every_fixture_belongs_to_a_rule_that_exists() {
        assertThat(rules().keySet()).containsAll(BREACHES.keySet()).containsAll(ALLOWED.keySet());
    }

    /** Rules are {@code static final ArchRule} fields, so the reflection above sees every one of them. */
    @Test
    void every_rule_is_an_arch_rule_field() {
        Stream<AccessibleObject> members = Stream.concat(Arrays.stream(ArchitectureTest.class.getDeclaredFields()),
                Arrays.stream(ArchitectureTest.class.getDeclaredMethods()));
        Set<String> others = members
                .filter(member -> member.isAnnotationPresent(ArchTest.class))
                .filter(member -> !(member instanceof Field field && ArchRule.class.equals(field.getType())
                        && Modifier.isStatic(field.getModifiers())))
                .map(member -> ((Member) member).getName())
                .collect(Collectors.toSet());
        assertThat(others).as("@ArchTest members that are not static ArchRule fields").isEmpty();
    }

    private static void assertReports(ArchRule rule, Breach breach) {
        JavaClasses classes = new ClassFileImporter().importClasses(
                Stream.concat(Stream.of(breach.culprit()), breach.alsoSeen().stream()).toList());
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(classes),
                () -> breach.culprit().getName() + " should break the rule");
        assertThat(failure.getMessage())
                .doesNotContain("failed to check any classes")
                .contains("<" + breach.culprit().getName());
    }

    private static Map<String, ArchRule> rules() {
        return Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class) && ArchRule.class.equals(field.getType()))
                .collect(Collectors.toMap(Field::getName, ArchitectureRulesCanFailTest::valueOf));
    }

    private static ArchRule valueOf(Field field) {
        try {
            field.setAccessible(true);
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
