package dev.cutover.plans;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code control} of a producer or consumer; the fields depend on {@code type}. */
final class ControlReader {

    /** Who the control belongs to; decides which {placeholders} make sense in its commands. */
    enum Owner {
        PRODUCER(List.of("source.bootstrap", "target.bootstrap", "producer", "replayId")),
        CONSUMER(List.of("source.bootstrap", "target.bootstrap", "group"));

        private final List<String> placeholders;

        Owner(List<String> placeholders) {
            this.placeholders = placeholders;
        }
    }

    private static final List<String> TYPES = List.of("command", "http", "connect");
    private static final List<String> COMMAND_KEYS = List.of("type", "stop", "start");
    private static final List<String> CONNECT_KEYS = List.of("type", "source-url", "target-url", "connector");

    // {word} not preceded by "$": "${HOME}" in a shell command is the shell's business, not ours.
    private static final Pattern CONTROL_PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([A-Za-z][A-Za-z.]*)}");

    private ControlReader() {
    }

    static ControlSpec read(YamlMap owner, Owner kind, Problems problems) {
        YamlMap control = owner.requiredMap("control",
                "control: {type: command, stop: \"./bin/app stop\", start: \"./bin/app start\"}");
        if (control == null) {
            return null;
        }
        int before = problems.count();
        String type = control.requiredString("type", "type: command");
        if (type != null && !TYPES.contains(type)) {
            problems.at(control.value("type"), control.field("type"),
                    "\"" + type + "\" is not one of: " + String.join(", ", TYPES),
                    "set type to one of: " + String.join(", ", TYPES) + ", e.g. type: command");
            type = null;
        }
        if (type == null) {
            // Still catch typos in the other keys against everything a control may hold.
            Set<String> any = new LinkedHashSet<>(COMMAND_KEYS);
            any.addAll(CONNECT_KEYS);
            control.allowOnly(any);
            return null;
        }
        ControlSpec spec = switch (type) {
            case "command" -> command(control, kind, problems);
            case "http" -> http(control, kind, problems);
            default -> connect(control, problems);
        };
        return problems.count() > before ? null : spec;
    }

    private static CommandControl command(YamlMap control, Owner kind, Problems problems) {
        control.allowOnly(COMMAND_KEYS);
        String stop = control.requiredString("stop", "stop: \"./bin/app stop\"");
        String start = control.requiredString("start", "start: \"./bin/app start --bootstrap {target.bootstrap}\"");
        checkPlaceholders(control, "stop", stop, kind, problems);
        checkPlaceholders(control, "start", start, kind, problems);
        return new CommandControl(stop, start);
    }

    private static HttpControl http(YamlMap control, Owner kind, Problems problems) {
        control.allowOnly(COMMAND_KEYS);
        String stop = url(control, "stop", "stop: http://app:8080/stop", problems);
        String start = url(control, "start", "start: http://app:8080/start", problems);
        checkPlaceholders(control, "stop", stop, kind, problems);
        checkPlaceholders(control, "start", start, kind, problems);
        return new HttpControl(stop, start);
    }

    private static ConnectControl connect(YamlMap control, Problems problems) {
        control.allowOnly(CONNECT_KEYS);
        String sourceUrl = url(control, "source-url", "source-url: http://old-connect:8083", problems);
        String targetUrl = url(control, "target-url", "target-url: http://new-connect:8083", problems);
        String connector = control.requiredString("connector", "connector: sfdc-account-cdc");
        return new ConnectControl(sourceUrl, targetUrl, connector);
    }

    private static String url(YamlMap control, String key, String example, Problems problems) {
        String url = control.requiredString(key, example);
        if (url != null && !HttpUrls.isHttpUrl(url)) {
            problems.at(control.value(key), control.field(key), "\"" + url + "\" is not an http(s) URL",
                    "write the full URL, e.g. " + example);
            return null;
        }
        return url;
    }

    /** A misspelt {replayId} would reach the shell verbatim and resume from the wrong place. */
    private static void checkPlaceholders(YamlMap control, String key, String text, Owner kind, Problems problems) {
        if (text == null) {
            return;
        }
        Matcher m = CONTROL_PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!kind.placeholders.contains(m.group(1))) {
                String allowed = String.join(", ", kind.placeholders.stream().map(p -> "{" + p + "}").toList());
                problems.at(control.value(key), control.field(key),
                        "unknown placeholder \"" + m.group() + "\" for a " + kind.name().toLowerCase(Locale.ROOT)
                                + KeySuggester.suggest(m.group(1), kind.placeholders)
                                        .map(s -> " (did you mean \"{" + s + "}\"?)").orElse(""),
                        "use one of: " + allowed);
            }
        }
    }
}
