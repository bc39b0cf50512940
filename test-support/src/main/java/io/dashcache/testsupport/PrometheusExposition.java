package io.dashcache.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE}, another comment, empty, or a sample that matches the format's
 * grammar; a family's {@code # TYPE} comes before its samples and its samples are not interleaved
 * with another family's; a histogram's buckets ascend by {@code le}, never decrease, end with
 * {@code le="+Inf"}, and that bucket equals {@code _count}. Any breach throws {@link AssertionError}
 * naming the line.
 *
 * <pre>{@code
 * PrometheusExposition metrics = PrometheusExposition.parse(body);
 * double hits = metrics.value("dashcache_cache_gets_total", Map.of("type", "overview", "outcome", "L1_HIT"));
 * }</pre>
 */
public final class PrometheusExposition {

    /** One sample line: its name, labels in order, and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: the name of its {@code # TYPE} line, its type, help, and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABEL = LABEL_NAME + "=" + LABEL_VALUE;
    private static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)|[+-]?Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})?"
            + " (" + VALUE + ")(?: (-?\\d+))?");
    private static final Pattern ONE_LABEL = Pattern.compile("(" + LABEL_NAME + ")=(" + LABEL_VALUE + ")");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\[\\\\n])*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

    private final Map<String, Family> families;

    private PrometheusExposition(Map<String, Family> families) {
        this.families = families;
    }

    public static PrometheusExposition parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        String current = null;
        Set<String> finished = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                Matcher help = matching(HELP, line, number);
                if (helps.put(help.group(1), help.group(2)) != null) {
                    throw new AssertionError("line " + number + ": a second HELP for " + help.group(1));
                }
            } else if (line.startsWith("# TYPE ")) {
                Matcher type = matching(TYPE, line, number);
                String family = type.group(1);
                if (types.put(family, type.group(2)) != null || samples.containsKey(family)) {
                    throw new AssertionError("line " + number + ": TYPE for " + family + " repeated or after its samples");
                }
                samples.put(family, new ArrayList<>());
            } else if (line.startsWith("#")) {
                continue;
            } else {
                Matcher sample = matching(SAMPLE, line, number);
                String name = sample.group(1);
                String family = familyOf(name, types);
                if (family == null) {
                    family = name;
                    types.put(family, "untyped");
                    samples.put(family, new ArrayList<>());
                }
                if (!family.equals(current)) {
                    if (!finished.add(family)) {
                        throw new AssertionError("line " + number + ": a sample of " + family
                                + " after another family's samples: " + line);
                    }
                    current = family;
                }
                samples.get(family).add(new Sample(name, labels(sample.group(2)), value(sample.group(3))));
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        types.forEach((name, type) -> families.put(name, new Family(name, type, helps.get(name), List.copyOf(samples.get(name)))));
        families.values().stream().filter(family -> family.type().equals("histogram"))
                .forEach(PrometheusExposition::checkHistogram);
        return new PrometheusExposition(families);
    }

    public Map<String, Family> families() {
        return families;
    }

    public Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no metric family " + name + " in the exposition; families: " + families.keySet());
        }
        return family;
    }

    /** Every sample of every family. */
    public List<Sample> samples() {
        return families.values().stream().flatMap(family -> family.samples().stream()).toList();
    }

    /** The value of the one sample with this name whose labels include these. */
    public double value(String sampleName, Map<String, String> labels) {
        List<Sample> matching = samples().stream()
                .filter(sample -> sample.name().equals(sampleName) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples " + sampleName + labels + " (expected one)");
        }
        return matching.get(0).value();
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> series = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample sample : family.samples()) {
            Map<String, String> labels = new LinkedHashMap<>(sample.labels());
            labels.remove("le");
            if (sample.name().equals(family.name() + "_bucket")) {
                if (!sample.labels().containsKey("le")) {
                    throw new AssertionError(family.name() + ": a bucket without le: " + sample);
                }
                series.computeIfAbsent(labels, key -> new ArrayList<>()).add(sample);
            } else if (sample.name().equals(family.name() + "_count")) {
                counts.put(labels, sample.value());
            } else if (!sample.name().equals(family.name() + "_sum") && !sample.name().equals(family.name() + "_created")) {
                throw new AssertionError(family.name() + ": a histogram has _bucket, _sum and _count only: " + sample);
            }
        }
        if (series.isEmpty()) {
            throw new AssertionError(family.name() + ": a histogram without buckets");
        }
        series.forEach((labels, buckets) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : buckets) {
                double bound = value(bucket.labels().get("le"));
                if (!(bound > previousBound) || bucket.value() < previousCount) {
                    throw new AssertionError(family.name() + labels + ": buckets must ascend by le and never decrease, at "
                            + bucket);
                }
                previousBound = bound;
                previousCount = bucket.value();
            }
            Sample last = buckets.get(buckets.size() - 1);
            if (!last.labels().get("le").equals("+Inf")) {
                throw new AssertionError(family.name() + labels + ": the last bucket must be le=\"+Inf\"");
            }
            Double count = counts.get(labels);
            if (count == null || count != last.value()) {
                throw new AssertionError(family.name() + labels + ": _count " + count + " differs from the +Inf bucket "
                        + last.value());
            }
        });
    }

    private static Matcher matching(Pattern pattern, String line, int number) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.matches()) {
            throw new AssertionError("line " + number + " breaks the text format: " + line);
        }
        return matcher;
    }

    private static Map<String, String> labels(String braces) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (braces == null) {
            return labels;
        }
        Matcher label = ONE_LABEL.matcher(braces);
        while (label.find()) {
            String quoted = label.group(2);
            String value = unescaped(quoted.substring(1, quoted.length() - 1));
            if (labels.put(label.group(1), value) != null) {
                throw new AssertionError("label " + label.group(1) + " twice in " + braces);
            }
        }
        return labels;
    }

    private static String unescaped(String escaped) {
        StringBuilder text = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\') {
                char next = escaped.charAt(++i);
                text.append(next == 'n' ? '\n' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
