package io.dashcache.adapters.http.in;

/** A request this adapter refuses by itself, already in the contract's terms: a status, a code, a detail. */
final class HttpProblem extends RuntimeException {

    private final int status;
    private final String error;

    HttpProblem(int status, String error, String detail) {
        super(detail, null, false, false); // an answer to the caller, not a failure: no stack trace to fill
        this.status = status;
        this.error = error;
    }

    static HttpProblem badRequest(String error, String detail) {
        return new HttpProblem(400, error, detail);
    }

    static HttpProblem invalid(String detail) {
        return badRequest(ErrorBody.INVALID_REQUEST, detail);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String detail() {
        return getMessage();
    }
}
