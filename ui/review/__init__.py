"""The review screen: the draft with its evidence, the transcript, codes, takster, approval."""
