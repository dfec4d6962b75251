package dev.cutover.plans;

/**
 * How cutover stops and starts a producer or consumer ({@code control.type}).
 *
 * <p>Command and http controls may use the placeholders {@code {source.bootstrap}},
 * {@code {target.bootstrap}}, {@code {producer}} / {@code {group}} and, for producers,
 * {@code {replayId}}; the engine substitutes them.
 */
public sealed interface ControlSpec permits CommandControl, HttpControl, ConnectControl {

    /** The {@code type} value as written in the plan. */
    String type();
}
