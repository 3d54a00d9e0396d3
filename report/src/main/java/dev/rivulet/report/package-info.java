/**
 * Run reports: a recorded flow run ({@link dev.rivulet.history.FlowRunRecord}, read back with
 * {@link dev.rivulet.history.RunHistory}) written as one self-contained HTML file, with a timeline
 * of its task runs, its dependency graph, a table of its task runs, and its log tail. Start at
 * {@link dev.rivulet.report.RunReports}.
 */
package dev.rivulet.report;
