// Reads text aloud on request, for pupils who read little. Each part of a reading is a recorded audio
// file when the page gives one, or else the browser's speech synthesis with a voice the device speaks
// itself (`localService`). Remote voices are never used, because some browsers send their text to an
// online speech service. Nothing plays until `read` is called, so pages call it only from a tap.

/**
 * Read-aloud for one page. `language` is the page's BCP 47 tag, such as "en-GB"; only local voices of
 * its primary language are used. `onChange` runs whenever the local voices become known or change.
 */
export class ReadAloud {
  constructor({ language, onChange = () => {} }) {
    this.language = language.toLowerCase();
    this.synthesis = "speechSynthesis" in window ? window.speechSynthesis : null;
    this.voice = null;
    this.audio = null;
    this.onChange = onChange;
    this.pickVoice();

    // Chromium fills the voice list after the page loads and announces it with `voiceschanged`.
    this.synthesis?.addEventListener?.("voiceschanged", () => {
      this.pickVoice();
      this.onChange();
    });
  }

  /** Chooses a local voice for the page's language: an exact match first, then its primary language. */
  pickVoice() {
    const voices = (this.synthesis?.getVoices() ?? []).filter((voice) => voice.localService === true);
    const primary = this.language.split("-")[0];
    const lang = (voice) => String(voice.lang ?? "").toLowerCase().replace("_", "-");
    this.voice =
      voices.find((voice) => lang(voice) === this.language) ??
      voices.find((voice) => lang(voice).split("-")[0] === primary) ??
      null;
  }

  /** Tells whether every part can be read: each has a recording, or a local voice can speak it. */
  canRead(parts) {
    return parts.length > 0 && parts.every((part) => part.audio || (this.voice && this.synthesis));
  }

  /**
   * Reads the parts in order, each `{ text, audio }`, preferring the recording. `onPart(index)` runs as
   * each part starts, so the page can show which one is being read. Stops any reading in progress first.
   */
  read(parts, onPart = () => {}) {
    this.stop();
    const queue = parts.filter((part) => part.audio || this.voice);
    const reading = { stopped: false };
    this.reading = reading;

    const next = (index) => {
      if (reading.stopped || index >= queue.length) {
        return;
      }
      onPart(parts.indexOf(queue[index]));
      if (queue[index].audio) {
        this.play(queue[index].audio, () => next(index + 1));
      } else {
        this.speak(queue[index].text, () => next(index + 1));
      }
    };
    next(0);
  }

  play(url, done) {
    const audio = new Audio(url);
    this.audio = audio;

    // A failed recording may report both an error event and a rejected play(); move on only once.
    let finished = false;
    const finish = () => {
      if (!finished) {
        finished = true;
        done();
      }
    };
    audio.addEventListener("ended", finish, { once: true });
    audio.addEventListener("error", finish, { once: true });
    audio.play().catch(finish);
  }

  speak(text, done) {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = this.voice;
    utterance.lang = this.voice.lang;
    utterance.rate = 0.9;
    utterance.onend = done;
    utterance.onerror = done;
    this.synthesis.speak(utterance);
  }

  /** Stops the recording or speech under way, and drops the parts not yet read. */
  stop() {
    if (this.reading) {
      this.reading.stopped = true;
    }
    if (this.audio) {
      this.audio.pause();
      this.audio = null;
    }
    if (this.synthesis && (this.synthesis.speaking || this.synthesis.pending)) {
      this.synthesis.cancel();
    }
  }
}
