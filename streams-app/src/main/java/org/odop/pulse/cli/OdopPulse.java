package org.odop.pulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code odop-pulse} command line; each subcommand is its own class. */
@Command(name = "odop-pulse", mixinStandardHelpOptions = true, version = "odop-pulse 0.1.0",
        description = "Live ODOP trade views from LOIs, export shipments and e-commerce orders on Kafka Streams.",
        subcommands = {RunCommand.class, ImportCommand.class, DeadLettersCommand.class, ReplayDlqCommand.class, SimulateCommand.class,
                BenchCommand.class, KeysCommand.class})
public final class OdopPulse implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The command line with what every command shares: options also from {@code ODOP_*} variables of
     * {@code environment}, and one form of duration everywhere ({@link DurationConverter}: 30s, 2d, PT2M).
     */
    /** The ODOP_* variables that set options of {@code command} (e.g. "run"), those of old option names too. */
    public static java.util.Set<String> environmentVariables(String command) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        commandLine(java.util.Map.of()).getSubcommands().get(command).getCommandSpec().options().stream()
                .map(EnvironmentDefaults::variables).forEach(names::addAll);
        return names;
    }

    public static CommandLine commandLine(java.util.Map<String, String> environment) {
        CommandLine cli = new CommandLine(new OdopPulse());
        cli.registerConverter(java.time.Duration.class, new DurationConverter());
        return EnvironmentDefaults.install(cli, environment);
    }
}
