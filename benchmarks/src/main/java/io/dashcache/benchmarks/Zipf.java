package io.dashcache.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks 1..n drawn with probability proportional to {@code 1 / rank^s}: a few users read a lot,
 * most read little, as dashboards are used. Sampling is a binary search in the cumulative table.
 */
final class Zipf {

    private final double[] cumulative;

    Zipf(int n, double s) {
        if (n < 1 || s < 0) {
            throw new IllegalArgumentException("Zipf needs n >= 1 and s >= 0, got n=" + n + ", s=" + s);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, s);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A rank from 1 to n. */
    int next(SplittableRandom random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return (at >= 0 ? at : -at - 1) + 1;
    }

    /** The share of all draws that fall on the {@code top} most frequent ranks. */
    double shareOfTop(int top) {
        return cumulative[Math.min(top, cumulative.length) - 1];
    }
}
