package io.dashcache.application.port.out.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.out.reading.LoadLeases.Lease;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoadLeases} does: subclass it and return fresh leases from {@link #newLeases()}
 * (their own namespace), which expire in real time.
 */
public abstract class LoadLeasesContract {

    protected static final Duration LONG = Duration.ofSeconds(30);
    protected static final CacheKey ALICE_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, UserId.of("alice"));
    protected static final CacheKey BOB_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, UserId.of("bob"));
    protected static final CacheKey WEEKLY = CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK);

    protected LoadLeases leases;

    protected abstract LoadLeases newLeases();

    @BeforeEach
    void createLeases() {
        leases = newLeases();
    }

    @Test
    void a_free_key_is_granted_with_a_lease_for_that_key() {
        Optional<Lease> lease = leases.tryAcquire(ALICE_OVERVIEW, LONG);

        assertThat(lease).isPresent();
        assertThat(lease.get().key()).isEqualTo(ALICE_OVERVIEW);
        assertThat(lease.get().token()).isNotBlank();
    }

    @Test
    void a_held_lease_is_refused_to_everyone_else() {
        leases.tryAcquire(ALICE_OVERVIEW, LONG);

        assertThat(leases.tryAcquire(ALICE_OVERVIEW, LONG)).isEmpty();
    }

    @Test
    void leases_of_different_keys_do_not_touch() {
        leases.tryAcquire(ALICE_OVERVIEW, LONG);

        assertThat(leases.tryAcquire(BOB_OVERVIEW, LONG)).isPresent();
        assertThat(leases.tryAcquire(WEEKLY, LONG)).isPresent();
    }

    @Test
    void a_released_lease_can_be_taken_again_with_a_new_token() {
        Lease first = leases.tryAcquire(ALICE_OVERVIEW, LONG).orElseThrow();

        leases.release(first);

        Lease second = leases.tryAcquire(ALICE_OVERVIEW, LONG).orElseThrow();
        assertThat(second.token()).isNotEqualTo(first.token());
    }

    @Test
    void a_lease_whose_holder_never_releases_it_expires_by_itself() {
        Duration shortTtl = Duration.ofMillis(150);
        leases.tryAcquire(ALICE_OVERVIEW, shortTtl);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> leases.tryAcquire(ALICE_OVERVIEW, LONG).isPresent());
    }

    @Test
    void releasing_an_expired_lease_leaves_the_next_holders_lease_alone() {
        Lease expired = leases.tryAcquire(ALICE_OVERVIEW, Duration.ofMillis(100)).orElseThrow();
        Lease next = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> leases.tryAcquire(ALICE_OVERVIEW, LONG), Optional::isPresent).orElseThrow();

        leases.release(expired);

        assertThat(leases.tryAcquire(ALICE_OVERVIEW, LONG)).as("still held by the next holder").isEmpty();
        leases.release(next);
        assertThat(leases.tryAcquire(ALICE_OVERVIEW, LONG)).isPresent();
    }
}
