package dev.cutover.plans;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks the http(s) URLs of controls and of {@code mirror.connect.url}. */
final class HttpUrls {

    private HttpUrls() {
    }

    static boolean isHttpUrl(String text) {
        // Control placeholders like {replayId} are not legal URI characters; they are substituted
        // before the request, so check the URL with a stand-in value.
        String candidate = text.trim().replaceAll("\\{[A-Za-z.]+}", "x");
        try {
            URI uri = new URI(candidate);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
