package org.odop.pulse.ops;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, and the names odop-pulse exports. A small lexer, not a
 * parser: it is run only on expressions promtool has accepted.
 */
final class PromqlMetrics {
    private PromqlMetrics() {}

    /** What rules and dashboards may use: odop-pulse's own metrics, and Kafka/JVM ones seen on /metrics. */
    static final Set<String> EXPORTED = Set.of(
            "odop_loi_value_inr", "odop_loi_count",
            "odop_export_value_inr", "odop_export_shipments",
            "odop_ecommerce_gmv_inr", "odop_ecommerce_orders",
            "odop_dead_letter_records_total", "odop_streams_running",
            "odop_stalled_shipments", "odop_shipment_alerts_total",
            "odop_loi_follow_up_due", "odop_loi_alerts_total", "odop_loi_corrections_total",
            "odop_export_value_usd", "odop_events_held", "odop_current_period", "odop_district_info",
            "odop_http_server_requests_seconds_count", "odop_http_server_requests_seconds_sum",
            "odop_http_server_requests_seconds_bucket",
            // Micrometer's KafkaStreamsMetrics and JVM binders, as scraped from a running instance.
            "kafka_consumer_fetch_manager_records_lag", "kafka_consumer_fetch_manager_records_lag_max",
            "kafka_consumer_fetch_manager_records_consumed_rate", "kafka_stream_alive_stream_threads",
            "kafka_stream_failed_stream_threads_total", "jvm_memory_used_bytes", "process_cpu_usage",
            "kafka_stream_thread_process_rate", "kafka_stream_thread_process_latency_avg",
            "kafka_stream_thread_process_latency_max", "kafka_stream_thread_commit_latency_avg",
            "kafka_stream_thread_commit_latency_max", "kafka_stream_task_restore_remaining_records_total",
            "kafka_stream_state_estimate_num_keys", "kafka_stream_state_size_all_mem_tables",
            "kafka_stream_state_total_sst_files_size", "kafka_stream_state_block_cache_usage", "kafka_stream_state_put_rate",
            "kafka_stream_state_updater_restore_records_rate", "kafka_stream_state_updater_active_restoring_tasks",
            "jvm_memory_max_bytes", "jvm_gc_pause_seconds_count",
            "jvm_gc_pause_seconds_sum",
            // Added by Prometheus for every target.
            "up");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    // Numbers and durations first, so 1e7 or 10m never read as names; a name followed by '(' is a function.
    private static final Pattern TOKEN = Pattern.compile("[0-9][0-9a-zA-Z_.]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = LABEL_MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (name != null && m.group(2) == null && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
