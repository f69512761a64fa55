"""scikit-image's bundled photographs as 8-bit gray or RGB arrays, for the measurement scripts
(stego-calibration.py, stego-jpeg-tools.py). Needs numpy and scikit-image."""
import numpy as np
import skimage.data as data


def photograph(name):
    """The picture `skimage.data.<name>()`: booleans to 0/255, other types stretched to 0-255,
    alpha dropped."""
    img = getattr(data, name)()
    if img.dtype == bool:
        img = img.astype(np.uint8) * 255
    elif img.dtype != np.uint8:
        img = (255 * (img.astype(float) - img.min()) / max(1e-9, img.max() - img.min())).astype(np.uint8)
    if img.ndim == 3:
        img = img[:, :, :3]
    return img
