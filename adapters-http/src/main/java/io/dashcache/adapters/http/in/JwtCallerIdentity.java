package io.dashcache.adapters.http.in;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.UserId;
import io.javalin.http.Context;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DASHCACHE_AUTH=jwt}: {@code Authorization: Bearer <JWT>}, verified with nimbus-jose-jwt.
 * HS256 tokens are checked with the shared secret, RS/ES/PS tokens with the keys of the JWKS URL;
 * an unsigned token ({@code alg: none}) or any other algorithm is refused. {@code exp} and
 * {@code sub} are required, {@code exp} and {@code nbf} are checked with a small clock skew, and
 * the user is the subject, which must be a JSON string (RFC 7519, 4.1.2) and is validated like any
 * user id. {@code X-User-Id} is never read. Posting events needs the admin or events scope, unless
 * a webhook secret is configured: then the signature is the authority and no token is asked for.
 */
final class JwtCallerIdentity implements CallerIdentity {

    static final String CHALLENGE = "Bearer realm=\"dashcache\"";
    private static final Logger LOG = LoggerFactory.getLogger(JwtCallerIdentity.class);
    private static final String CALLER = "dashcache.caller";
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** A verified caller. */
    record Caller(UserId user, Set<String> scopes) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final boolean signedEvents;

    JwtCallerIdentity(AuthSettings settings) {
        this.signedEvents = settings.webhookSecret() != null;
        JWSKeySelector<SecurityContext> hmac = settings.secret() == null ? null
                : (header, context) -> JWSAlgorithm.HS256.equals(header.getAlgorithm())
                        ? List.of(new SecretKeySpec(settings.secret(), "HmacSHA256")) : List.of();
        JWSKeySelector<SecurityContext> published = settings.jwksUrl() == null ? null
                : new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, jwks(settings));
        processor.setJWSKeySelector((header, context) -> {
            if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
                return hmac == null ? List.of() : hmac.selectJWSKeys(header, context);
            }
            return published == null ? List.of() : published.selectJWSKeys(header, context);
        });
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        if (settings.secret() != null) {
            checkSecret(settings.secret());
        }
    }

    @Override
    public void admit(Context ctx) {
        if (signedEvents && CallerIdentity.isEventPost(ctx)) {
            return; // the webhook checks its signature instead; no token is asked of a sender that has none
        }
        Caller caller = verify(ctx.header("Authorization"));
        ctx.attribute(CALLER, caller);
        if (CallerIdentity.isOperatorAction(ctx) && !caller.scopes().contains(AuthSettings.ADMIN_SCOPE)) {
            throw new HttpProblem(403, ErrorBody.FORBIDDEN, "this operator action needs a token with the '"
                    + AuthSettings.ADMIN_SCOPE + "' scope");
        }
    }

    @Override
    public UserId userOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            // admit() runs before every /api/ route; a route outside it has no caller to give
            throw unauthorized("a bearer token is required");
        }
        return caller.user();
    }

    @Override
    public void admitEventSender(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw unauthorized("a bearer token is required");
        }
        if (!caller.scopes().contains(AuthSettings.ADMIN_SCOPE) && !caller.scopes().contains(AuthSettings.EVENTS_SCOPE)) {
            throw new HttpProblem(403, ErrorBody.FORBIDDEN, "posting engine events needs a token with the '"
                    + AuthSettings.ADMIN_SCOPE + "' or '" + AuthSettings.EVENTS_SCOPE + "' scope");
        }
    }

    @Override
    public boolean isAdmin(String authorization) {
        try {
            return verify(authorization).scopes().contains(AuthSettings.ADMIN_SCOPE);
        } catch (HttpProblem e) {
            return false;
        }
    }

    Caller verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("a bearer token is required (Authorization: Bearer <JWT>)");
        }
        if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must be 'Bearer <JWT>'");
        }
        JWTClaimsSet claims;
        JWT token;
        try {
            token = JWTParser.parse(authorization.substring(7).trim());
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            // the reason, never the token: it is a credential
            LOG.debug("refused a bearer token: {}", e.getMessage());
            throw unauthorized("the bearer token is invalid, expired or not signed with a trusted key");
        }
        // nimbus turns a numeric sub into text; the token's own JSON says what the issuer wrote
        if (!(token instanceof SignedJWT signed && signed.getPayload().toJSONObject().get("sub") instanceof String)) {
            throw unauthorized("the token's subject must be a string");
        }
        UserId user;
        try {
            user = UserId.of(claims.getSubject());
        } catch (InvalidInputException e) {
            throw unauthorized("the token's subject is not a valid user id");
        }
        return new Caller(user, scopes(claims));
    }

    /** OAuth's {@code scope} (space-separated) or the {@code scp} array (or string) some issuers use. */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new HashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String text) {
            scopes.addAll(List.of(text.trim().split("\\s+")));
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof String text) {
            scopes.addAll(List.of(text.trim().split("\\s+")));
        } else if (scp instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
        }
        return Set.copyOf(scopes);
    }

    private static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, ErrorBody.UNAUTHORIZED, detail);
    }

    private static JWKSource<SecurityContext> jwks(AuthSettings settings) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the JWKS URL is not a URL");
        }
    }

    /** Fails start-up, not the first request, when nimbus would refuse the secret. */
    private static void checkSecret(byte[] secret) {
        try {
            new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret cannot be used for HS256");
        }
    }
}
