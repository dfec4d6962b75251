package dev.cutover.plans;

/** {@code type: http}: http(s) URLs the engine POSTs to. */
public record HttpControl(String stop, String start) implements ControlSpec {

    @Override
    public String type() {
        return "http";
    }
}
