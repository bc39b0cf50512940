package io.dashcache.adapters.http.in;

/** The contract's error answer: {@code {"error": "...", "detail": "..."}}, with the codes this API uses. */
record ErrorBody(String error, String detail) {

    static final String INVALID_REQUEST = "invalid_request";
    static final String MALFORMED_JSON = "malformed_json";
    static final String BODY_TOO_LARGE = "body_too_large";
    static final String UNAUTHORIZED = "unauthorized";
    static final String FORBIDDEN = "forbidden";
    static final String NOT_FOUND = "not_found";
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    static final String TOO_MANY_STREAMS = "too_many_streams";
    static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    static final String ENGINE_FAILING = "engine_failing";
    static final String ENGINE_BAD_ANSWER = "engine_bad_answer";
    static final String ENGINE_TIMEOUT = "engine_timeout";
    static final String ENGINE_UNAVAILABLE = "engine_unavailable";
    static final String CACHE_UNAVAILABLE = "cache_unavailable";
    static final String INTERNAL_ERROR = "internal_error";
}
