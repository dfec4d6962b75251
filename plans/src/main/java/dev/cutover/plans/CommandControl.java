package dev.cutover.plans;

/** {@code type: command}: shell commands run by the engine. */
public record CommandControl(String stop, String start) implements ControlSpec {

    @Override
    public String type() {
        return "command";
    }
}
