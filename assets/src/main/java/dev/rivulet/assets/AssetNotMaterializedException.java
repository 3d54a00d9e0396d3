package dev.rivulet.assets;

/** An asset was asked for (queried, referred to by name) before it was ever materialised, or after its artifact was removed. */
public class AssetNotMaterializedException extends AssetException {

    private static final long serialVersionUID = 1L;

    /** The name of the asset that has no artifact. */
    private final String assetName;

    /**
     * A query or lookup of an asset with no artifact.
     *
     * @param assetName the asset's name
     * @param message what was asked and how to materialise it
     */
    public AssetNotMaterializedException(String assetName, String message) {
        super(message);
        this.assetName = assetName;
    }

    /** {@return the name of the asset that has no artifact} */
    public String assetName() {
        return assetName;
    }
}
