package dev.cutover.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code bench/run [copy|switch|move|rollback] [options]}: picks the suite. {@code copy} (the
 * default, also when the first argument is an option) is {@link CopyBench}; {@code switch} is
 * {@link SwitchBench}, {@code move} {@link MoveBench}, {@code rollback} {@link RollbackBench}.
 */
public final class BenchMain {

    static final String USAGE = """
            usage: bench/run [copy] [--records N] [--rounds R] [--tasks T] [--engine connect [--workers W]]
                   bench/run switch [--producers N] [--rounds R] [--in-process] [--profile]
                   bench/run move [--groups G] [--records N] [--profile]
                   bench/run rollback [--producers N] [--groups G] [--parallel P] [--profile]""";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length > 0 && !args[0].startsWith("-") ? args[0] : "copy";
        String[] options = args.length > 0 && !args[0].startsWith("-") ? Arrays.copyOfRange(args, 1, args.length) : args;
        int exit = switch (suite) {
            case "copy" -> CopyBench.run(options);
            case "switch" -> SwitchBench.run(options);
            case "move" -> MoveBench.run(options);
            case "rollback" -> RollbackBench.run(options);
            default -> usage("unknown suite " + suite + ": expected copy, switch, move or rollback");
        };
        System.exit(exit);
    }

    /** Prints the problem and the usage on stderr; returns exit code 2. */
    static int usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        return 2;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
