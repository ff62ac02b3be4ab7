package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the operations files are: the repository root is the streams-app module's parent. */
final class OpsFiles {
    private OpsFiles() {}

    static Path repoRoot() {
        // Surefire runs in the module directory; an IDE may run in the repository root.
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate : new Path[] {here.getParent(), here}) {
            if (candidate != null && Files.isDirectory(candidate.resolve("deploy/prometheus"))) {
                return candidate;
            }
        }
        return fail("cannot find the repository root (with deploy/prometheus) from " + here);
    }

    static Path resolve(String relative) {
        return repoRoot().resolve(relative);
    }
}
