package dev.cutover.bench;

/**
 * The options of {@code bench/run switch}: how many producers to switch, how many times, whether
 * to profile the switch step (where its wall time goes, on stderr), and whether the switch step
 * runs in the bench's own, warm JVM instead of a fresh one as {@code cutover step} does. A profile
 * samples the step's thread, so it runs in process.
 */
record SwitchOptions(int producers, int rounds, boolean profile, boolean inProcess) {

    static final SwitchOptions DEFAULTS = new SwitchOptions(10, 2, false, false);

    SwitchOptions {
        if (producers < 1 || rounds < 1) {
            throw new IllegalArgumentException("--producers and --rounds must be at least 1");
        }
    }

    /** @throws IllegalArgumentException naming the option at fault */
    static SwitchOptions parse(String[] args) {
        int producers = DEFAULTS.producers;
        int rounds = DEFAULTS.rounds;
        boolean profile = DEFAULTS.profile;
        boolean inProcess = DEFAULTS.inProcess;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--producers" -> producers = number(option, args, ++i);
                case "--rounds" -> rounds = number(option, args, ++i);
                case "--profile" -> profile = true;
                case "--in-process" -> inProcess = true;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new SwitchOptions(producers, rounds, profile, inProcess || profile);
    }

    private static int number(String option, String[] args, int at) {
        if (at >= args.length) {
            throw new IllegalArgumentException(option + " needs a number");
        }
        try {
            return Integer.parseInt(args[at]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + args[at]);
        }
    }
}
