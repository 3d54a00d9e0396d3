package dev.rivulet.cli.command;

/** A class that carries out the flow interface's abstract method, named on the command line in its place. */
public final class ReportsImplementation implements Reports {

    @Override
    public String source() {
        return "the implementation";
    }
}
