package org.odop.pulse.http;

import org.odop.pulse.serving.NotFoundException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.odop.pulse.security.Access;

/**
 * The web app's files, served by every instance: the pages from the jar's {@code web/} at {@code /}, and Apache
 * ECharts from its Maven Central jar (org.mvnpm:echarts) at {@value #ECHARTS_FILE}. Nothing is fetched from
 * another site. The files hold no data (the pages ask the API, which checks the key), so anyone may load them.
 */
public final class WebAssets {
    public static final String ECHARTS_PATH = "/vendor/echarts";
    public static final String ECHARTS_FILE = ECHARTS_PATH + "/echarts.min.js";

    private WebAssets() {}

    public static void install(JavalinConfig cfg) {
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
            sf.roles = Set.of(Access.OPEN);
            // Pages change with each release: the browser checks before using its copy.
            sf.headers = Map.of("Cache-Control", "no-cache");
        });
    }

    /**
     * GET {@value #ECHARTS_PATH}/echarts.min.js: the library from its jar. A route, not a static-files directory:
     * the mvnpm jar has no directory entries, which Javalin's static files need.
     */
    public static void echarts(io.javalin.http.Context ctx) {
        InputStream in = WebAssets.class.getResourceAsStream(ECHARTS_RESOURCE);
        if (in == null) throw new NotFoundException("ECharts is not on the class path");
        ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "max-age=86400").result(in);
    }

    private static final String ECHARTS_RESOURCE = "/META-INF/resources/_static/echarts/" + echartsVersion() + "/dist/echarts.min.js";

    /** The version of the ECharts jar on the class path, from its Maven metadata. */
    static String echartsVersion() {
        try (InputStream in = WebAssets.class.getResourceAsStream("/META-INF/maven/org.mvnpm/echarts/pom.properties")) {
            if (in == null) throw new IllegalStateException("org.mvnpm:echarts is not on the class path");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
