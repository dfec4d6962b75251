package dev.cutover.plans;

/** One entry of {@code consumers}: how a moved group's application is stopped and started. */
public record ConsumerSpec(String group, ControlSpec control) {
}
