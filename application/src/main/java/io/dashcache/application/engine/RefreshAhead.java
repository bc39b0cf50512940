package io.dashcache.application.engine;

import io.dashcache.domain.CacheEntry;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Probabilistic early expiration (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache
 * Stampede Prevention", the XFetch rule): a read of a fresh entry asks for a refresh now when
 *
 * <pre>  now - delta * beta * ln(rand()) >= expiry</pre>
 *
 * where {@code delta} is how long the entry took to load and {@code rand()} is uniform in (0, 1]. The
 * closer the expiry and the slower the load, the likelier an early refresh; a hot key is thus
 * reloaded shortly before it expires by one reader's refresh, instead of by all its readers after.
 * {@code beta} above 1 refreshes earlier, below 1 later; 0 turns it off.
 */
public final class RefreshAhead {

    /** Never refreshes early. */
    public static final RefreshAhead OFF = new RefreshAhead(0, RandomGenerator.of("L64X128MixRandom"));

    /** How many {@code delta * beta} before the expiry the draw starts being worth making. */
    static final double REACH = 20;

    private final double beta;
    private final RandomGenerator random;

    /** @param random uniform doubles; shared by the request threads, so thread-safe (e.g. one that draws from
     *               {@code ThreadLocalRandom.current()} on each call) */
    public RefreshAhead(double beta, RandomGenerator random) {
        if (!(beta >= 0) || beta > 100) {
            throw new IllegalArgumentException("beta must be from 0 to 100, got " + beta);
        }
        this.beta = beta;
        this.random = Objects.requireNonNull(random, "random");
    }

    public boolean enabled() {
        return beta > 0;
    }

    /** Whether a read at {@code now} of this fresh entry should refresh it ahead of its expiry. */
    public boolean shouldRefresh(CacheEntry entry, Instant now) {
        return shouldRefresh(entry, now.toEpochMilli()) && refreshNow(entry, now);
    }

    /**
     * The cheap part of the rule, on every fresh hit, in plain arithmetic: most entries fail it without a
     * random draw. The rule refreshes with probability {@code exp(-gap / (delta * beta))}, where {@code gap}
     * is the time left to the expiry; further than {@link #REACH} times {@code delta * beta} from it, that is
     * below e^-20 (about 2 in a billion), so the draw is skipped there: a hot entry pays for the logarithm
     * only in its last moments.
     */
    boolean shouldRefresh(CacheEntry entry, long nowMillis) {
        long delta = entry.loadMillis();
        long gap = entry.freshUntilMillis() - nowMillis;
        return beta > 0 && delta > 0 && gap > 0 && !entry.absent() && gap < delta * beta * REACH;
    }

    /** The draw, for an entry that passed {@link #shouldRefresh(CacheEntry, long)}. */
    boolean refreshNow(CacheEntry entry, Instant now) {
        long delta = entry.loadDuration().toNanos();
        double uniform = 1.0 - random.nextDouble(); // (0, 1]: ln(0) would be minus infinity
        long early = (long) (-delta * beta * Math.log(uniform));
        return !now.plusNanos(early).isBefore(entry.freshUntil());
    }
}
