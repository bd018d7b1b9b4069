"""Opening a user's slice: DICOM (with its rescale and window), NIfTI volumes, PNG/TIFF; every bad file
gets one sentence; masks are written as PNG and NIfTI and read back. The files are made here."""
import os

import numpy as np
import pytest

from playground.labs.segment import slice_io
from playground.labs.segment.slice_io import SliceError, read_slice, write_mask


def make_dicom(path, pixels=None, slope=1.0, intercept=-1024.0, with_pixels=True):
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"  # CT image storage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.Modality = "CT"
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.RescaleSlope, ds.RescaleIntercept = slope, intercept
    ds.WindowCenter, ds.WindowWidth = 40, 400
    if with_pixels:
        px = np.asarray(pixels, np.uint16)
        ds.Rows, ds.Columns = px.shape
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated = ds.BitsStored = 16
        ds.HighBit, ds.PixelRepresentation = 15, 0
        ds.PixelData = px.tobytes()
    pydicom.dcmwrite(str(path), ds, enforce_file_format=True)
    return path


def test_a_dicom_slice_reads_as_hounsfield_units_with_its_window(tmp_path):
    px = np.full((40, 48), 1024 + 60, np.uint16)
    px[:10] = 0  # air
    vol = read_slice(make_dicom(tmp_path / "ct.dcm", px))
    assert vol.kind == "dicom" and vol.count == 1 and vol.slice(0).shape == (40, 48)
    assert vol.slice(0)[20, 20] == 60 and vol.slice(0)[0, 0] == -1024
    assert vol.window == (400.0, 40.0)


def test_a_dicom_with_several_windows_offers_the_first(tmp_path):
    import pydicom

    path = make_dicom(tmp_path / "w.dcm", np.full((16, 16), 1100, np.uint16))
    ds = pydicom.dcmread(path)
    ds.WindowCenter, ds.WindowWidth = [30, 400], [150, 1800]
    ds.save_as(path)
    assert read_slice(str(path)).window == (150.0, 30.0)


def test_a_dicom_without_pixel_data_says_so(tmp_path):
    with pytest.raises(SliceError, match="without pixel data"):
        read_slice(make_dicom(tmp_path / "report.dcm", with_pixels=False))


def test_a_nifti_volume_gives_its_slices_and_a_4d_one_is_refused(tmp_path):
    import nibabel as nib

    data = np.zeros((32, 24, 5), np.int16)
    data[:, :, 3] = 100
    nib.save(nib.Nifti1Image(data, np.eye(4)), str(tmp_path / "vol.nii.gz"))
    vol = read_slice(str(tmp_path / "vol.nii.gz"))
    assert vol.count == 5 and vol.middle == 2 and vol.slice(3).shape == (24, 32)
    assert vol.slice(3).max() == 100 and vol.slice(2).max() == 0
    nib.save(nib.Nifti1Image(np.zeros((8, 8, 8, 3), np.int16), np.eye(4)), str(tmp_path / "t.nii"))
    with pytest.raises(SliceError, match="4-D image"):
        read_slice(str(tmp_path / "t.nii"))


def test_png_greyscale_8_and_16_bit_and_colour_is_refused(tmp_path):
    from PIL import Image

    Image.fromarray(np.full((20, 20), 255, np.uint8)).save(tmp_path / "a.png")
    assert read_slice(str(tmp_path / "a.png")).slice(0)[0, 0] == pytest.approx(240)  # top of W400/L40
    Image.fromarray(np.full((20, 20), 1024 + 50, np.uint16)).save(tmp_path / "b.png")
    assert read_slice(str(tmp_path / "b.png")).slice(0)[0, 0] == 50
    Image.fromarray(np.full((20, 20), 1024 + 50, np.uint16)).save(tmp_path / "b.tif")
    assert read_slice(str(tmp_path / "b.tif")).kind == "tiff"
    rgb = np.zeros((20, 20, 3), np.uint8)
    rgb[..., 0] = 200
    Image.fromarray(rgb).save(tmp_path / "photo.png")
    with pytest.raises(SliceError, match="colour image"):
        read_slice(str(tmp_path / "photo.png"))


@pytest.mark.parametrize("content, message", [
    (b"hello, this is text, not an image", "not an image this lab reads"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "could not be read as PNG"),
    (b"", "is empty"),
])
def test_a_file_that_is_not_a_slice_gets_one_sentence(tmp_path, content, message):
    p = tmp_path / "bad.png"
    p.write_bytes(content)
    with pytest.raises(SliceError, match=message):
        read_slice(str(p))


def test_folders_missing_files_and_huge_files_are_refused(tmp_path, monkeypatch):
    with pytest.raises(SliceError, match="not a regular file"):
        read_slice(str(tmp_path))
    with pytest.raises(SliceError, match="does not exist"):
        read_slice(str(tmp_path / "nope.dcm"))
    p = tmp_path / "big.nii"
    p.write_bytes(b"\0" * 4096)
    monkeypatch.setattr(slice_io, "MAX_BYTES", 1000)
    with pytest.raises(SliceError, match="more than the 1000 bytes allowed"):
        read_slice(str(p))


def test_a_named_pipe_is_refused_without_hanging(tmp_path):
    import os

    fifo = tmp_path / "pipe.dcm"
    os.mkfifo(fifo)
    with pytest.raises(SliceError, match="not a regular file"):
        read_slice(str(fifo))


def test_a_gzip_bomb_is_refused(tmp_path, monkeypatch):
    import gzip

    monkeypatch.setattr(slice_io, "MAX_UNPACKED", 10_000)
    (tmp_path / "bomb.nii.gz").write_bytes(gzip.compress(b"\0" * 100_000))
    with pytest.raises(SliceError, match="unpacks to more than"):
        read_slice(str(tmp_path / "bomb.nii.gz"))


def test_masks_are_written_as_png_and_nifti_and_read_back(tmp_path):
    import nibabel as nib

    data = np.zeros((32, 24, 3), np.int16)
    nib.save(nib.Nifti1Image(data, np.diag([0.7, 0.7, 5, 1])), str(tmp_path / "v.nii.gz"))
    vol = read_slice(str(tmp_path / "v.nii.gz"))
    mask = np.zeros((24, 32), np.uint8)
    mask[2:9, 5:20] = 1
    write_mask(str(tmp_path / "m.png"), mask)
    assert np.array_equal(read_slice(str(tmp_path / "m.png")).slice(0) > 0, mask > 0)
    write_mask(str(tmp_path / "m.nii.gz"), mask, vol)
    back = read_slice(str(tmp_path / "m.nii.gz"))
    assert np.array_equal(back.slice(0) > 0, mask > 0)  # same orientation as the volume it came from
    assert np.allclose(nib.load(str(tmp_path / "m.nii.gz")).affine, np.diag([0.7, 0.7, 5, 1]))
    with pytest.raises(SliceError, match="png, .nii or .nii.gz"):
        write_mask(str(tmp_path / "m.jpg"), mask)
    with pytest.raises(SliceError, match="does not exist"):
        write_mask(str(tmp_path / "no" / "m.png"), mask)
    assert not [f for f in os.listdir(tmp_path) if ".part" in f]
