import { letterTopics } from '../../exchange/contracts/index.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { BackLink, CardGrid, InsetText, Notice, Panel } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, FileField, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FormView } from '../page.ts';
import { formatFollowCode } from './letters.codes.ts';
import { letterKindSpecs, topicWords, type LetterKindSpec } from './letters.kinds.ts';
import { Location } from './letters.location.tsx';

// 警民互动: the hub with the emergency warning first, each kind's short form, and the confirmation (with an
// anonymous tip's follow-up code, shown this once). Reading letters back is in letters.read.pages.tsx.

/** Before anything is written: an emergency is a phone call, not a letter. */
function Emergency({ ctx }: { ctx: PageContext }) {
  return (
    <Notice lang={ctx.lang}>
      {inLang(
        ctx,
        '如果有人正处于危险之中，或者违法犯罪正在发生，请立即拨打 110。网上来信不能及时处理紧急情况。',
        'If someone is in danger now, or a crime is happening now, call 110 straight away. A letter cannot be read in time for an emergency.',
      )}{' '}
      <a href="tel:110">{inLang(ctx, '拨打 110', 'Call 110')}</a>
    </Notice>
  );
}

/** Before a consultation is written: the published answers to it may already say what the writer needs. */
function AnswersFirst({ ctx, subject }: { ctx: PageContext; subject: string }) {
  return (
    <Form action="/interaction/answers" method="get" class="inset-text">
      <TextField
        name="q"
        label={inLang(ctx, '先查一查：您想咨询什么？', 'Look first: what do you want to ask?')}
        hint={inLang(
          ctx,
          '我们会列出对类似问题的公开答复',
          'We list the published answers to similar questions',
        )}
        value={subject}
      />
      <Button variant="secondary">{inLang(ctx, '查看相关答复', 'Show answers')}</Button>
    </Form>
  );
}

const kindHref = (spec: LetterKindSpec) =>
  spec.kind === 'tip' ? '/interaction/tip' : `/interaction/write/${spec.kind}`;

export function hubPage(ctx: PageContext) {
  const title = inLang(ctx, '警民互动', 'Police–public interaction');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Emergency ctx={ctx} />
      <p>
        {inLang(
          ctx,
          '您可以给局长写信，也可以咨询、投诉、提建议、表扬、求助或举报。简单事项一般在3个工作日内答复，复杂事项5个工作日内答复。',
          'Write to the director, ask a question, complain, suggest, thank, ask for help or report. Simple matters are usually answered within 3 working days, complex ones within 5.',
        )}
      </p>
      <CardGrid
        items={letterKindSpecs.map((spec) => ({
          href: kindHref(spec),
          title: spec.title[ctx.lang],
          description: spec.summary[ctx.lang],
        }))}
      />
      <h2>{inLang(ctx, '查看进度', 'Check progress')}</h2>
      <ul class="list">
        <li>
          <a href="/my/letters">{inLang(ctx, '我的信件（需登录）', 'My letters (sign in)')}</a>
        </li>
        <li>
          <a href="/interaction/follow-up">
            {inLang(ctx, '用查询码查看匿名举报的进度', 'Follow up an anonymous report with its code')}
          </a>
        </li>
      </ul>
      <h2>{inLang(ctx, '满意度调查', 'Satisfaction surveys')}</h2>
      <p>
        <a href="/interaction/questionnaires">
          {inLang(ctx, '参与正在进行的满意度调查', 'Take part in an open satisfaction survey')}
        </a>
      </p>
    </Layout>,
  );
}

export function writePage({
  ctx,
  spec,
  signedIn,
  values = {},
  errors = [],
  locationNotice,
}: FormView & { spec: LetterKindSpec; signedIn: boolean; locationNotice?: string }) {
  const title = spec.title[ctx.lang];
  const topic = values.topic ?? spec.defaultTopic;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href="/interaction" lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Emergency ctx={ctx} />
        <p>{spec.summary[ctx.lang]}</p>
        {spec.kind === 'consultation' ? <AnswersFirst ctx={ctx} subject={values.subject ?? ''} /> : null}
        <Form
          action={kindHref(spec)}
          csrfToken={ctx.csrfToken ?? ''}
          enctype={spec.takesPhotos ? 'multipart/form-data' : undefined}
        >
          {spec.asksPlace ? (
            // Pressing Enter in a field submits with the form's first submit button; without this one that would
            // be the map picker, which only returns the form. Hidden from sight, tabbing and screen readers: the
            // visible Send button below is the one people use.
            <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
              {inLang(ctx, '提交', 'Send')}
            </button>
          ) : null}
          <Select
            name="topic"
            label={inLang(ctx, '涉及事项', 'What it is about')}
            value={topic}
            options={letterTopics.map((t) => ({ value: t, label: topicWords[t][ctx.lang] }))}
            error={errorFor(errors, 'topic')}
          />
          <TextField
            name="subject"
            label={inLang(ctx, '标题', 'Title')}
            hint={inLang(ctx, '用一句话概括，100字以内', 'One line, up to 100 characters')}
            value={values.subject}
            error={errorFor(errors, 'subject')}
          />
          <TextArea
            name="body"
            label={spec.bodyLabel[ctx.lang]}
            hint={inLang(
              ctx,
              '请写清时间、经过和您的诉求，5000字以内',
              'Say when, what happened and what you would like done; up to 5,000 characters',
            )}
            rows={8}
            value={values.body}
            error={errorFor(errors, 'body')}
          />
          {spec.asksPlace ? (
            <TextField
              name="place"
              optional
              label={inLang(ctx, '地点', 'Where')}
              hint={inLang(
                ctx,
                '填写地址，或填写坐标，例如“30.52, 114.31”',
                'An address, or coordinates such as “30.52, 114.31”',
              )}
              value={values.place}
              error={errorFor(errors, 'place')}
            />
          ) : null}
          {spec.asksPlace ? (
            <Location ctx={ctx} values={values} errors={errors} notice={locationNotice} />
          ) : null}
          {spec.takesPhotos ? (
            <FileField
              name="photos"
              optional
              multiple
              accept="image/jpeg,image/png,.jpg,.jpeg,.png"
              label={inLang(ctx, '照片', 'Photos')}
              hint={inLang(
                ctx,
                '最多5张，JPG或PNG，每张不超过5MB。照片中的拍摄位置、时间和设备信息会被删除。提交未成功时请重新选择照片。',
                'Up to 5 photos, JPG or PNG, 5 MB each. Where and when they were taken and the device are removed. If the form comes back, choose the photos again.',
              )}
              error={errorFor(errors, 'photos')}
            />
          ) : null}
          {spec.asksConcernedUnit ? (
            <TextField
              name="concernedUnit"
              optional
              label={inLang(ctx, '涉及的公安单位', 'The police unit concerned')}
              hint={inLang(
                ctx,
                '例如“湖滨派出所”。反映民警问题的信件不会交给被反映的单位办理。',
                'For example “Hubin Police Station”. A letter about officers is never handled by the unit it is about.',
              )}
              value={values.concernedUnit}
              error={errorFor(errors, 'concernedUnit')}
            />
          ) : null}
          {spec.publishable ? (
            <Radios
              name="publish"
              legend={inLang(ctx, '答复可以公开吗', 'May the reply be published?')}
              hint={inLang(
                ctx,
                '公开时会去掉您的姓名、电话、证件号码、车牌和地址等个人信息。',
                'Your name, phone, ID number, plates and addresses are removed before anything is published.',
              )}
              inline
              value={values.publish}
              items={[
                { value: 'yes', label: inLang(ctx, '可以公开', 'Yes') },
                { value: 'no', label: inLang(ctx, '不公开', 'No') },
              ]}
              error={errorFor(errors, 'publish')}
            />
          ) : null}
          {spec.anonymous ? <AnonymousChoice ctx={ctx} signedIn={signedIn} value={values.anonymous} /> : null}
          <Button>{inLang(ctx, '提交', 'Send')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

function AnonymousChoice({ ctx, signedIn, value }: { ctx: PageContext; signedIn: boolean; value?: string }) {
  if (!signedIn)
    return (
      <InsetText>
        {inLang(
          ctx,
          '您没有登录，本次举报为匿名举报。提交后会显示一个查询码，请抄下来，用它查看进度和补充情况。',
          'You are not signed in, so this report is anonymous. After sending you get a follow-up code: write it down to check progress and add information.',
        )}
      </InsetText>
    );
  return (
    <Radios
      name="anonymous"
      legend={inLang(ctx, '是否匿名', 'Stay anonymous?')}
      hint={inLang(
        ctx,
        '匿名举报不留姓名和电话，只能用查询码查看进度。',
        'An anonymous report keeps no name or phone; you follow it up only with its code.',
      )}
      inline
      value={value ?? 'no'}
      items={[
        { value: 'no', label: inLang(ctx, '实名', 'Use my name') },
        { value: 'yes', label: inLang(ctx, '匿名', 'Anonymous') },
      ]}
    />
  );
}

export function sentPage({
  ctx,
  letterNumber,
  followCode,
}: {
  ctx: PageContext;
  letterNumber: string;
  followCode?: string;
}) {
  const title = inLang(ctx, '信件已提交', 'Your letter has been sent');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <Panel title={title} reference={letterNumber} lang={ctx.lang} />
        {followCode ? (
          <>
            <h2>{inLang(ctx, '您的查询码', 'Your follow-up code')}</h2>
            <p>
              <strong class="reference" lang="en">
                {formatFollowCode(followCode)}
              </strong>
            </p>
            <Notice lang={ctx.lang}>
              {inLang(
                ctx,
                '查询码只显示这一次，我们不保存它的原文，也无法找回。请现在抄下来或截图保存。',
                'The code is shown only this once. We do not keep it and cannot find it again: write it down or take a screenshot now.',
              )}
            </Notice>
            <p>
              <a href="/interaction/follow-up">
                {inLang(ctx, '用查询码查看进度', 'Follow up with the code')}
              </a>
            </p>
          </>
        ) : (
          <p>
            {inLang(ctx, '答复和办理期限会显示在', 'The reply and the deadline will appear in ')}
            <a href="/my/letters">{inLang(ctx, '我的信件', 'My letters')}</a>
            {inLang(ctx, '中。', '.')}
          </p>
        )}
      </div>
    </Layout>,
  );
}
