/**
 * Rivulet's run report: a flow run's record as one self-contained HTML file; see {@link dev.rivulet.report}.
 */
module dev.rivulet.report {
    exports dev.rivulet.report;

    requires transitive dev.rivulet.core;
}
