package io.dashcache.application.port.messages;

/** The engine's status and JSON body for a write it was forwarded, passed back to the caller unchanged. */
public record EngineReply(int status, byte[] body) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
