/**
 * Flow parameters set from outside the program: {@link dev.rivulet.param.Param @Param} declares a
 * flow method's parameter with its name, default and description; {@link
 * dev.rivulet.param.FlowParameters} reads them and binds values given on the command line, as
 * system properties or environment variables, in that precedence, to the method's arguments.
 */
package dev.rivulet.param;
