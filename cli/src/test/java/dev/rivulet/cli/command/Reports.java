package dev.rivulet.cli.command;

import dev.rivulet.Flow;
import dev.rivulet.param.Param;
import java.time.LocalDate;
import java.util.List;

/** A flow whose interface has an abstract method: its source, which an implementation provides. */
public interface Reports {

    /** Where the reports come from. Not a task. */
    String source();

    @Flow
    default String daily(@Param(value = "end_date", defaultValue = "2023-09-01") LocalDate endDate,
            @Param(value = "regions", defaultValue = "eu") List<String> regions) {
        return "report for " + endDate + " " + regions + " from " + source();
    }
}
