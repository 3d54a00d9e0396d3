package dev.rivulet.internal.history;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.rivulet.history.LogLine;
import dev.rivulet.internal.attempt.MdcScope;
import java.time.Instant;
import java.util.Map;
import org.slf4j.ILoggerFactory;

/**
 * An appender on Logback's root logger that copies the lines logged during a recorded flow run to
 * its tail. Loaded only when Logback is the SLF4J backend; it sees what the loggers' levels let
 * through, and is gone if Logback is configured again later (it is added when the next Rivulet
 * records a run, not before).
 */
final class LogbackCapture extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final String NAME = "rivulet-run-history";

    static void install(ILoggerFactory backend) {
        LoggerContext context = (LoggerContext) backend;
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) != null) {
            return;
        }
        LogbackCapture appender = new LogbackCapture();
        appender.setContext(context);
        appender.setName(NAME);
        appender.start();
        root.addAppender(appender);
    }

    @Override
    protected void append(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        LogTail tail = RunLogs.tail(mdc.get(MdcScope.FLOW_RUN));
        if (tail == null) {
            return;
        }
        String message = String.valueOf(event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message = message + "\n" + thrown.getClassName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        }
        tail.add(new LogLine(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), event.getLoggerName(),
                mdc.get(MdcScope.TASK_RUN), LogTail.bounded(message)));
    }
}
