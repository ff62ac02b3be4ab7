package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odop.pulse.cli.OdopPulse;

/** Reading the deployment files as their tools do (YAML documents, a Dockerfile's instructions), for the deploy tests. */
final class DeployFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    /** Every YAML document of a file of the repository (a manifest may hold several, separated by ---). */
    static List<JsonNode> documents(String relative) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(Files.readString(OpsFiles.resolve(relative)))) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(relative, e);
        }
        return docs;
    }

    static JsonNode kind(String relative, String kind) {
        return documents(relative).stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + relative));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Parses the command line as the container would run it, with these variables; unknown options fail. */
    static void accepted(List<String> args, Map<String, String> env) {
        assertThat(args).as("a command of odop-pulse").isNotEmpty();
        assertThat(env.keySet()).as("every ODOP_* variable is an option of " + args.get(0))
                .isSubsetOf(OdopPulse.environmentVariables(args.get(0)));
        assertThatCode(() -> OdopPulse.commandLine(env).parseArgs(args.toArray(String[]::new)))
                .as(String.join(" ", args) + " with " + env).doesNotThrowAnyException();
    }

    /** One instruction of a Dockerfile: continuation lines joined, comments dropped; stage counts FROMs from 1. */
    record Instruction(String keyword, String arguments, int stage) {
        /** The arguments of the exec (JSON array) form. */
        List<String> execForm() {
            try {
                return strings(JSON.readTree(arguments));
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not in exec form: " + arguments, e);
            }
        }
    }

    static final class Dockerfile {
        final List<Instruction> instructions = new ArrayList<>();

        Dockerfile(Path file) {
            List<String> logical = new ArrayList<>();
            StringBuilder current = null;
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || line.strip().startsWith("#")) continue;
                    String content = line.strip();
                    boolean continues = content.endsWith("\\");
                    if (continues) content = content.substring(0, content.length() - 1).strip();
                    current = current == null ? new StringBuilder(content) : current.append(' ').append(content);
                    if (!continues) {
                        logical.add(current.toString());
                        current = null;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(current).as("no instruction left unfinished by a trailing backslash").isNull();
            int stage = 0;
            for (String l : logical) {
                String[] parts = l.split("\\s+", 2);
                String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
                if (keyword.equals("FROM")) stage++;
                instructions.add(new Instruction(keyword, parts.length > 1 ? parts[1] : "", stage));
            }
        }

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The last instruction of this kind (as Docker uses it: the last CMD, ENTRYPOINT, USER ... wins). */
        Optional<Instruction> last(String keyword) {
            List<Instruction> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        int stages() {
            return all("FROM").size();
        }

        /** ENV of the final stage: NAME=value pairs, values unquoted. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction i : all("ENV")) {
                if (i.stage() != stages()) continue;
                for (String token : tokens(i.arguments())) {
                    int eq = token.indexOf('=');
                    assertThat(eq).as("ENV in NAME=value form: " + token).isPositive();
                    env.put(token.substring(0, eq), token.substring(eq + 1));
                }
            }
            return env;
        }

        /** Words split on blanks outside double quotes, the quotes removed. */
        static List<String> tokens(String s) {
            List<String> out = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (char c : s.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                    any = true;
                } else if (Character.isWhitespace(c) && !quoted) {
                    if (any) out.add(word.toString());
                    word.setLength(0);
                    any = false;
                } else {
                    word.append(c);
                    any = true;
                }
            }
            if (any) out.add(word.toString());
            return out;
        }
    }

    static Dockerfile dockerfile() {
        return new Dockerfile(OpsFiles.resolve("deploy/Dockerfile"));
    }
}
