package dev.cutover.engine.connect;

import dev.cutover.engine.controls.ControlException;

/** A Connect REST call whose TLS handshake failed: cutover does not trust the worker's certificate, or the host does not match it. */
public final class ConnectTlsRefused extends ControlException {

    private final String remedy;

    public ConnectTlsRefused(String message, String remedy, Throwable cause) {
        super(message, cause);
        this.remedy = remedy;
    }

    public String remedy() {
        return remedy;
    }
}
