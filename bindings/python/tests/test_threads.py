"""Threads: one engine shared by several threads, several engines on one file, and closing."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import xinfang

from support import EngineTestCase, letter

THREADS = 4
PER_THREAD = 25


class Threads(EngineTestCase):
    def test_one_engine_from_several_threads(self):
        def register(thread):
            return [self.engine.intake("r-li", letter(subject="线程%d第%d件" % (thread, i))).number
                    for i in range(PER_THREAD)]

        with ThreadPoolExecutor(THREADS) as pool:
            numbers = [number for batch in pool.map(register, range(THREADS)) for number in batch]
        self.assertEqual(len(set(numbers)), THREADS * PER_THREAD)
        self.assertEqual(self.engine.count(), THREADS * PER_THREAD)
        self.assertTrue(self.engine.verify().ok)

    def test_errors_stay_with_their_thread(self):
        number = self.register().number
        failures, successes = [], []

        def refused():
            for _ in range(30):
                try:
                    self.engine.accept(number, "r-li")
                except xinfang.Forbidden as error:
                    failures.append(error.message)

        def allowed():
            for i in range(30):
                successes.append(self.engine.note(number, "d-wang", "第%d条" % i).status)

        threads = [threading.Thread(target=refused), threading.Thread(target=allowed)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Each refusal carries its own message, never another call's (or an empty one).
        self.assertEqual(len(failures), 30)
        self.assertTrue(all("dispatcher" in message for message in failures), set(failures))
        self.assertEqual(successes, ["registered"] * 30)

    def test_several_engines_on_one_file(self):
        engines = [self.open() for _ in range(THREADS)]

        def register(engine):
            return [engine.intake("r-li", letter(subject="第%d件" % i)).number for i in range(PER_THREAD)]

        with ThreadPoolExecutor(THREADS) as pool:
            numbers = [number for batch in pool.map(register, engines) for number in batch]
        self.assertEqual(len(set(numbers)), THREADS * PER_THREAD)
        self.assertTrue(all(engine.count() == THREADS * PER_THREAD for engine in engines))

    def test_close_waits_for_a_running_call(self):
        engine = self.open()
        started, results = threading.Event(), []

        def batch():
            started.set()
            try:
                results.append(len(engine.intake_batch("r-li", [letter(subject="第%d件" % i) for i in range(300)])))
            except xinfang.BadHandle:
                results.append("closed")

        thread = threading.Thread(target=batch)
        thread.start()
        started.wait()
        engine.close()
        thread.join()
        # Either the batch ran before the close, or it found the engine closed; never a crash.
        self.assertIn(results, ([300], ["closed"]))
        self.assertTrue(engine.closed)
        self.assertIn(os.path.basename(self.database), engine.database)
