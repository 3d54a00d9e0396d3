package dev.rivulet.assets;

import dev.rivulet.RivuletException;

/**
 * A data asset could not be materialised, read or queried: the message names the asset, what went
 * wrong and what to do.
 */
public class AssetException extends RivuletException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure without a cause.
     *
     * @param message what went wrong, naming the asset
     */
    public AssetException(String message) {
        super(message);
    }

    /**
     * A failure with its cause.
     *
     * @param message what went wrong, naming the asset
     * @param cause the underlying failure
     */
    public AssetException(String message, Throwable cause) {
        super(message, cause);
    }
}
