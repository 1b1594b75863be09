package io.pggan.data;

/**
 * Bad input data: the message names the file and, where it applies, the line and field at fault.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message naming the file, line and field. */
    public DataException(String message) {
        super(message);
    }

    /** An error with a message naming the file, caused by another failure. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
