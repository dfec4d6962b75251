package dev.cutover.engine.producers;

import dev.cutover.plans.HttpControl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A producer stopped and started by HTTP POSTs to the URLs in the plan. The stop response body is
 * the position (see {@link StopReport}); both calls must be idempotent, as for commands.
 */
public final class HttpProducerControl implements ProducerControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String producer;
    private final HttpControl control;
    private final String sourceBootstrap;
    private final String targetBootstrap;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpProducerControl(String producer, HttpControl control, String sourceBootstrap, String targetBootstrap) {
        this.producer = producer;
        this.control = control;
        this.sourceBootstrap = sourceBootstrap;
        this.targetBootstrap = targetBootstrap;
    }

    @Override
    public ResumePosition stop(ClusterSide side) throws ControlException {
        String writesTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writesTo, producer, null);
        String body = post("stop", values.inUrl(control.stop()));
        return StopReport.parse("producers." + producer + ".control.stop", body);
    }

    @Override
    public void start(ClusterSide side, ResumePosition position) throws ControlException {
        String writeTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writeTo, producer, position.replayId());
        post("start", values.inUrl(control.start()));
    }

    private String post(String what, String url) throws ControlException {
        String field = "producers." + producer + ".control." + what;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
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
