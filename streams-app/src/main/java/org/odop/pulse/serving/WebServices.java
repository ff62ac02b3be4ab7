package org.odop.pulse.serving;

/** What the web app's own endpoints answer from: the overview, timeline and periods, operations, and the alert feed. */
public record WebServices(OverviewService overview, OperationsService operations, AlertFeed alerts) {}
