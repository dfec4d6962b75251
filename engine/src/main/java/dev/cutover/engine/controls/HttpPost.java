package dev.cutover.engine.controls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A control's HTTP call: POST with no body, any 2xx is success, the body is returned. */
public final class HttpPost {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpPost() {
    }

    /**
     * Builds the shared client now, if it is not yet built: this call initialises the class, whose
     * client takes seconds to build on a cold JVM (its thread pool, selector and TLS defaults). A
     * caller pays that here, before a call whose time matters.
     */
    public static void prepare() {
        CLIENT.version(); // touching the client; building it was the point
    }

    public static String post(String field, String url) throws ControlException {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ControlException(field + ": POST " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new ControlException(field + ": POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(field + ": interrupted", e);
        }
    }
}
