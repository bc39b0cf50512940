package io.dashcache.adapters.http.in;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature of {@code POST /api/events}, for senders that cannot hold a token (as Stripe
 * and GitHub sign theirs): {@code X-Dashcache-Signature: t=<unix seconds>,v1=<hex>}, where {@code v1}
 * is HMAC-SHA256 of {@code t + "." + body} with the shared secret ({@code DASHCACHE_WEBHOOK_SECRET}).
 *
 * <pre>{@code
 * t=$(date +%s); sig=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$secret" -hex | cut -d' ' -f2)
 * curl -H "X-Dashcache-Signature: t=$t,v1=$sig" -d "$body" .../api/events
 * }</pre>
 *
 * <p>A timestamp more than {@link #TOLERANCE} from this server's clock is refused, so a captured
 * request cannot be replayed later (within the window a replay is harmless: events are idempotent
 * by {@code eventId}). Several {@code v1} values may be sent (a secret being rotated); one must
 * match. Signatures are compared in constant time.
 */
final class WebhookSignature {

    static final String HEADER = "X-Dashcache-Signature";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_SIGNATURES = 8;
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final SecretKeySpec key;
    private final Clock clock;

    WebhookSignature(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** @throws HttpProblem {@code 401} unless the request carries one valid, current signature of {@code body} */
    void verify(Context ctx, byte[] body) {
        List<String> headers = Collections.list(ctx.req().getHeaders(HEADER));
        if (headers.isEmpty()) {
            throw refused("a " + HEADER + " header (t=<unix seconds>,v1=<HMAC-SHA256 of t.body, hex>) is required");
        }
        if (headers.size() > 1) {
            throw refused("exactly one " + HEADER + " header is allowed");
        }
        long timestamp = -1;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : headers.get(0).split(",", MAX_SIGNATURES + 2)) {
            String item = part.trim();
            if (item.startsWith("t=") && item.length() > 2 && item.length() <= 14 && item.substring(2).chars().allMatch(Character::isDigit)) {
                timestamp = Long.parseLong(item.substring(2));
            } else if (item.startsWith("v1=") && item.length() == 3 + SIGNATURE_HEX_LENGTH && signatures.size() < MAX_SIGNATURES) {
                try {
                    signatures.add(HexFormat.of().parseHex(item.substring(3)));
                } catch (IllegalArgumentException e) {
                    throw refused("the " + HEADER + " header's v1 must be 64 hex digits");
                }
            }
        }
        if (timestamp < 0 || signatures.isEmpty()) {
            throw refused("the " + HEADER + " header must be t=<unix seconds>,v1=<64 hex digits>");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > TOLERANCE.toSeconds()) {
            throw refused("the signature's timestamp is more than " + TOLERANCE.toSeconds()
                    + " s from this server's clock; sign each request with the current time");
        }
        byte[] expected = mac(timestamp, body);
        boolean matched = false;
        for (byte[] signature : signatures) {
            matched |= MessageDigest.isEqual(expected, signature); // constant time, and no early exit between them
        }
        if (!matched) {
            throw refused("the " + HEADER + " does not match the body: sign t + \".\" + body with the shared secret");
        }
    }

    /** The header value for {@code body} at {@code unixSeconds} (what a sender computes). */
    static String header(byte[] secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(new WebhookSignature(secret, Clock.systemUTC())
                .mac(unixSeconds, body));
    }

    private byte[] mac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is in every JRE and the key was accepted at start-up
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static HttpProblem refused(String detail) {
        return new HttpProblem(401, ErrorBody.UNAUTHORIZED, detail);
    }
}
