/**
 * Where task runs are carried out: the {@link dev.rivulet.runner.TaskRunner} SPI and the built-in
 * {@link dev.rivulet.runner.TaskRunners}.
 */
package dev.rivulet.runner;
