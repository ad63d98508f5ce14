"""The log file: errors with tracebacks land in a rotating file; a folder that cannot be written is no crash."""
import logging

import pytest

from core.logs import LOG_FILE_NAME, setup_logging
from core.paths import log_dir, user_data_dir


@pytest.fixture
def clean_root_logger():
    """The root logger without our handler (an in-process CLI test may have set it up); restored after."""
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        if type(handler).__module__ == "core.logs":
            root.removeHandler(handler)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)
    for handler in before:
        if handler not in root.handlers:
            root.addHandler(handler)


def test_errors_with_tracebacks_go_to_the_log_file(tmp_path, clean_root_logger):
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / LOG_FILE_NAME
    try:
        raise ValueError("坏数据")
    except ValueError:
        logging.getLogger("core.test").exception("could not read")
    logging.getLogger("core.test").info("routine")  # below WARNING: not written
    text = path.read_text(encoding="utf-8")
    assert "ERROR core.test: could not read" in text and "Traceback" in text and "ValueError: 坏数据" in text
    assert "routine" not in text


def test_setting_up_twice_adds_one_handler(tmp_path, clean_root_logger):
    first = setup_logging(tmp_path)
    count = len(logging.getLogger().handlers)
    assert setup_logging(tmp_path / "elsewhere") == first
    assert len(logging.getLogger().handlers) == count


def test_a_folder_that_cannot_be_created_means_no_log_file(tmp_path, clean_root_logger):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert setup_logging(blocker / "logs") is None
    logging.getLogger("core.test").error("still fine")


def test_the_log_folder_is_in_the_user_data_folder():
    assert log_dir().parent == user_data_dir()
