package org.odop.pulse.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option can also be set from the environment: {@code --http-port} is {@code ODOP_HTTP_PORT}. The command line
 * wins over the environment, the environment over the default (declared once, where the setting is defined). Each
 * command's {@code --help} lists its variables in an "Environment" section.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    static final String PREFIX = "ODOP_";
    private static final String SECTION = "environment";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The variable that sets {@code option}, from its first name ({@code --stall-check-every}: the others are old
     * names kept as aliases), or null for help and version flags, which the environment never sets.
     */
    static String variable(OptionSpec option) {
        List<String> names = variables(option);
        return names.isEmpty() ? null : names.get(0);
    }

    /** The variables that set {@code option}: its own ({@link #variable}), then those of its aliases. */
    static List<String> variables(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) return List.of();
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            if (name.startsWith("--")) names.add(PREFIX + name.substring(2).toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (names.isEmpty()) names.add(PREFIX + option.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_'));
        return names;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) return null;
        for (String name : variables(option)) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) return value;
        }
        return null;
    }

    /** Sets this provider on {@code command} and its subcommands, and adds the "Environment" help section to each. */
    static CommandLine install(CommandLine command, Map<String, String> environment) {
        EnvironmentDefaults provider = new EnvironmentDefaults(environment);
        command.setDefaultValueProvider(provider); // applies to subcommands added before this call
        addSection(command);
        return command;
    }

    private static void addSection(CommandLine command) {
        List<String> rows = new ArrayList<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            String name = variable(option);
            if (name != null) rows.add(String.format("  %-36s %s", name, option.names()[0]));
        }
        if (!rows.isEmpty()) {
            command.getHelpSectionMap().put(SECTION, help -> String.format("%nEnvironment (the command line wins):%n")
                    + String.join(String.format("%n"), rows) + String.format("%n"));
            List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
            command.setHelpSectionKeys(keys);
        }
        command.getSubcommands().values().forEach(EnvironmentDefaults::addSection);
    }
}
