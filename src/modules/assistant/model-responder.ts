// Answers from an OpenAI-compatible model, grounded on the retrieval, with a catalogue search
// tool for models that call tools. The courses an answer may name are those it was given or found.
import type { Clock } from '../../platform/clock.ts';
import type { ChatModel, LlmTool } from '../../platform/llm/index.ts';
import type { CourseFact } from './assistant.types.ts';
import { catalogueData, modelMessages } from './prompt.ts';
import type { AnswerInput, Responder } from './responder.ts';

export function createModelResponder(model: ChatModel, clock: Clock): Responder {
  return {
    provider: 'openai',
    model: model.model,
    async answer(input) {
      const known = new Map(input.retrieval.courses.map((course) => [course.id, course]));
      const result = await model.complete({
        messages: modelMessages(input, clock.now()),
        tools: [searchTool(input, known)],
        onDelta: input.onDelta,
        signal: input.signal,
      });
      return { content: result.content, courseIds: namedIn(result.content, [...known.values()]) };
    },
  };
}

function searchTool(input: AnswerInput, known: Map<string, CourseFact>): LlmTool {
  return {
    name: 'search_courses',
    description:
      'Search the published courses of the catalogue by subject, skill or instructor. Returns up to 5 courses with their price, duration, level, schedule and seats left.',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', maxLength: 200, description: 'Words to look for, e.g. "guitar beginner"' },
      },
      required: ['query'],
      additionalProperties: false,
    },
    async run(args) {
      const courses = await input.search(String(args['query'] ?? '').slice(0, 200));
      for (const course of courses) known.set(course.id, course);
      return catalogueData(courses);
    },
  };
}

/** The courses an answer names (all it was given when it names none, for follow-up questions). */
function namedIn(content: string, courses: CourseFact[]): string[] {
  const text = content.toLowerCase();
  const named = courses.filter((course) => text.includes(course.name.toLowerCase()));
  return (named.length > 0 ? named : courses).map((course) => course.id);
}
