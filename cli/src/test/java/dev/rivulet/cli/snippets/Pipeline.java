package dev.rivulet.cli.snippets;

import dev.rivulet.Flow;
import dev.rivulet.Task;
import dev.rivulet.param.Param;
import java.net.http.HttpClient;
import java.time.LocalDate;

/** The flow the configuration serves. */
public interface Pipeline {

    HttpClient http();

    @Task
    default String fetch(LocalDate day) {
        return "fetched " + day + " with " + (http() != null ? "a client" : "nothing");
    }

    @Flow
    default String etl(@Param(value = "end_date", defaultValue = "2023-09-01") LocalDate endDate) {
        return fetch(endDate);
    }
}
